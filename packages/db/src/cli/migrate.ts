import { migrate, openDb } from "../client";
import { databasePath } from "../paths";

const path = databasePath();
const db = openDb(path);
migrate(db);
db.$client.close();
console.log(`Migrations appliquées : ${path}`);
