// Creates an administrator in a production database: `pnpm admin:create <login> <email>`.
// Prints a temporary password valid 14 days; the first login forces a new one.
import { generateTemporaryPassword, hashPassword } from "@ef/auth";
import { eq } from "drizzle-orm";
import { migrate, openDb } from "../client";
import { databasePath } from "../paths";
import { users } from "../schema/index";

async function main(args: string[]): Promise<number> {
  const [login, email = ""] = args;
  if (!login || !/^[a-z][a-z0-9._-]{2,31}$/.test(login)) {
    console.error(
      "Usage : pnpm admin:create <identifiant> [e-mail]  (minuscules, 3 à 32 caractères)",
    );
    return 2;
  }
  const db = openDb(databasePath());
  try {
    migrate(db);
    if (db.select({ id: users.id }).from(users).where(eq(users.login, login)).get()) {
      console.error(`L'identifiant « ${login} » existe déjà.`);
      return 1;
    }
    const password = generateTemporaryPassword();
    const now = new Date();
    db.insert(users)
      .values({
        login,
        role: "admin",
        displayName: login,
        email,
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
        tempPasswordExpiresAt: new Date(now.getTime() + 14 * 24 * 3600_000).toISOString(),
        createdAt: now.toISOString(),
      })
      .run();
    console.log(
      `Administrateur « ${login} » créé. Mot de passe provisoire (14 jours) : ${password}`,
    );
    console.log("À la première connexion sur /console/, un nouveau mot de passe sera demandé.");
    return 0;
  } finally {
    db.$client.close();
  }
}

process.exitCode = await main(process.argv.slice(2).filter((a) => a !== "--"));
