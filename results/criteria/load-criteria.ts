/** Load and check a criteria file: every problem at once, each with file, line and path (InputError, exit 2). */
import { loadYamlWithSchema, parseYamlWithSchema } from '../load-yaml.ts';
import { criteriaFileSchema, type CriteriaFile } from './criteria-schema.ts';

export function loadCriteriaFile(file: string): CriteriaFile {
  return loadYamlWithSchema(file, criteriaFileSchema);
}

export function parseCriteriaText(text: string, file = 'criteria.yaml'): CriteriaFile {
  return parseYamlWithSchema(text, file, criteriaFileSchema);
}
