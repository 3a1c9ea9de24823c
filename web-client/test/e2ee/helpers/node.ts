/**
 * Access to the few Node.js APIs the fixture tests need, without requiring
 * @types/node (the web client's tsconfig has `types: []`).
 */
export interface NodeFs {
  readFileSync(path: string, encoding: "utf8"): string;
  writeFileSync(path: string, data: string): void;
  existsSync(path: string): boolean;
  mkdirSync(path: string, options: { recursive: boolean }): void;
}

export async function nodeFs(): Promise<NodeFs> {
  const name: string = "node:fs";
  return (await import(/* @vite-ignore */ name)) as NodeFs;
}

export function env(name: string): string | undefined {
  return (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name];
}

/** File-system path of a URL relative to the calling module. */
export function pathOf(relative: string, base: string): string {
  return decodeURIComponent(new URL(relative, base).pathname);
}
