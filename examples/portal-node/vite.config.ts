import { defineConfig } from "vite";

// The portal's page: web/ bundled with the customer-import npm package into dist/web/,
// which the backend serves from its root.
export default defineConfig({
  root: "web",
  base: "/",
  build: { outDir: "../dist/web", emptyOutDir: true },
});
