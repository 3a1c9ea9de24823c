// The client index fixtures the knowledge-bank module's build writes with the
// real Java index builder (knowledge-bank/target/kb-client, see its pom.xml).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../knowledge-bank/target/kb-client');
export const EVAL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../knowledge-bank/src/test/resources/kb/eval');

export function fixture(name: string): unknown {
  const file = resolve(FIXTURES, name);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: build the knowledge-bank module first (mvn -B -pl knowledge-bank -DskipTests install, or the whole build)`);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}
