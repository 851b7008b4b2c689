import { defineConfig } from "vite";

// The page imports the generated client and its helpers from ../clients/ts/src (one source for both).
export default defineConfig({
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", reportCompressedSize: true },
  server: { host: "127.0.0.1", port: 5173, strictPort: true, fs: { allow: [".."] } },
  preview: { host: "127.0.0.1", port: 5173, strictPort: true },
});
