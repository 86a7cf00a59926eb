import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API runs on the server (port 3000); proxying keeps the session cookie same-origin.
// `/healthz` gives the server's clock, for the idle-timeout warning.
const proxy = {
  "/trpc": { target: "http://localhost:3000" },
  "/healthz": { target: "http://localhost:3000" },
};

export default defineConfig({
  base: "/console/",
  plugins: [tanstackRouter({ target: "react", autoCodeSplitting: true }), react()],
  server: { port: 5174, strictPort: true, proxy },
  preview: { port: 4174, strictPort: true, proxy },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
});
