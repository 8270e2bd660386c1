// Prints the Terraform file named by the first argument as JSON, read by HashiCorp's own HCL
// parser (npm @cdktf/hcl2json, Go compiled to WebAssembly): tests/edge_cloudflare.rs checks
// planb.tf with it.
import { readFileSync } from "node:fs";
import { parse } from "@cdktf/hcl2json";

const file = process.argv[2];
process.stdout.write(JSON.stringify(await parse(file, readFileSync(file, "utf8"))));
