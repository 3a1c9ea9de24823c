// Module types for Vite's query imports used by this project.
declare module '*.css?inline' {
  const css: string;
  export default css;
}

declare module '*?raw' {
  const text: string;
  export default text;
}

// Build-time settings (Vite replaces them in the bundle).
interface ImportMetaEnv {
  /** Base64 DER of the organisation root to pin into the bundle (docs/operations.md). */
  readonly VITE_MATALA_ORG_ROOT?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
