// docs/hwconfig.md documents every field of schemas/glia-config.proto.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type protobuf from "protobufjs";
import { gliaConfigType } from "../../src/hw/glia-codec.js";
import { REPO } from "../passes/helpers.js";

describe("docs/hwconfig.md, glia-core configs", () => {
  it("names every field of schemas/glia-config.proto", () => {
    const doc = readFileSync(join(REPO, "docs/hwconfig.md"), "utf8");
    const section = doc.slice(doc.indexOf("## glia-core configs"));
    const fields = new Set<string>();
    const seen = new Set<string>();
    const walk = (type: protobuf.Type) => {
      if (seen.has(type.fullName)) return;
      seen.add(type.fullName);
      for (const field of type.fieldsArray) {
        fields.add(field.name);
        field.resolve();
        if (field.resolvedType !== null && "fieldsArray" in field.resolvedType) walk(field.resolvedType as protobuf.Type);
      }
    };
    walk(gliaConfigType());
    expect([...fields].filter((field) => !section.includes(`\`${field}\``))).toEqual([]);
  });
});
