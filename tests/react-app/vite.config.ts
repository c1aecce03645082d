import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  // Served from the root of its own origin by the browser test.
  base: "/",
  build: { outDir: "dist", emptyOutDir: true },
});
