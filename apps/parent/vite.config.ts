import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Same-origin in development too, so the HttpOnly session cookie just works.
const api = {
  "/trpc": "http://localhost:3000",
  "/documents": "http://localhost:3000",
};

export default defineConfig({
  // The router plugin must come before react(): it rewrites route files for code splitting.
  plugins: [tanstackRouter({ target: "react", autoCodeSplitting: true }), react()],
  server: { proxy: api },
  preview: { proxy: api },
  build: { outDir: "dist", emptyOutDir: true },
});
