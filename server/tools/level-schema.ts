// `npm run level:schema`: regenerates levels/level.schema.json from the level validator.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { levelJsonSchemaText } from "../../shared/levels/json-schema";

const target = fileURLToPath(new URL("../../levels/level.schema.json", import.meta.url));
writeFileSync(target, levelJsonSchemaText());
console.log(`wrote ${target}`);
