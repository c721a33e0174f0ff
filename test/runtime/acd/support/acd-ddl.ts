/**
 * Prints the CREATE statements drizzle-kit generates for runtime/store/schema/acd.ts, as JSON.
 * Run in a child process: drizzle-kit's API adds an enumerable `Array.prototype.random`, which breaks
 * other libraries in the same process (ari-client sends it as an HTTP header).
 */
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import * as acdSchema from '../../../../runtime/store/schema/acd.ts';

const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(acdSchema));
process.stdout.write(JSON.stringify(statements));
