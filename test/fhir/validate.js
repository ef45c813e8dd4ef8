// Validates NDJSON files of FHIR R4 resources against HL7's FHIR R4 JSON
// schema (fhir.schema.json, the whole schema: the resource must match one
// of its resource definitions) with ajv 6, the validator the schema's npm
// package uses, and checks that every reference ("Type/id") is to a
// resource of the files and that no id repeats.  <Type>.ndjson must hold
// resources of that type only.
//
//   node test/fhir/validate.js fhir.schema.json Encounter.ndjson Patient.ndjson ...
//
// Prints "<file>: <n> resources, <m> invalid" per file, the first errors,
// then "references: <n>, unresolved: <m>, repeated ids: <k>"; exits 1 when
// a resource is invalid, a reference unresolved or an id repeated.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const [schemaFile, ...files] = process.argv.slice(2);
if (!schemaFile || files.length === 0) {
	console.error('usage: node validate.js fhir.schema.json FILE.ndjson...');
	process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const ajv = new Ajv({ logger: false });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json'));
ajv.addSchema(schema, 'fhir');
const validate = ajv.getSchema('fhir');

const ids = new Set();
const references = [];
let repeated = 0;
let failed = false;

// Every "reference" string in a resource, wherever it is.
function collectReferences(value, from) {
	if (Array.isArray(value)) {
		value.forEach((v) => collectReferences(v, from));
	} else if (value !== null && typeof value === 'object') {
		for (const [key, v] of Object.entries(value)) {
			if (key === 'reference' && typeof v === 'string')
				references.push([v, from]);
			else
				collectReferences(v, from);
		}
	}
}

for (const file of files) {
	const type = path.basename(file, '.ndjson');
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	if (lines[lines.length - 1] === '')
		lines.pop();
	let invalid = 0;
	const errors = [];
	lines.forEach((line, i) => {
		let resource;
		let problem = null;
		try {
			resource = JSON.parse(line);
		} catch (e) {
			problem = `not JSON: ${e.message}`;
		}
		if (!problem && resource.resourceType !== type)
			problem = `resourceType ${resource.resourceType} in ${type}.ndjson`;
		if (!problem && !validate(resource)) {
			// The whole schema's errors are those of every resource type;
			// the resource's own definition says what is wrong with it.
			const own = ajv.compile({ $ref: `fhir#/definitions/${type}` });
			own(resource);
			problem = ajv.errorsText(own.errors || validate.errors);
		}
		if (problem) {
			invalid++;
			if (errors.length < 5)
				errors.push(`  line ${i + 1}: ${problem}: ${line.slice(0, 300)}`);
			return;
		}
		const key = `${type}/${resource.id}`;
		if (ids.has(key))
			repeated++;
		ids.add(key);
		collectReferences(resource, key);
	});
	console.log(`${path.basename(file)}: ${lines.length} resources, ${invalid} invalid`);
	errors.forEach((e) => console.log(e));
	if (invalid > 0)
		failed = true;
}

const unresolved = references.filter(([ref]) => !ids.has(ref));
console.log(`references: ${references.length}, unresolved: ${unresolved.length}, repeated ids: ${repeated}`);
unresolved.slice(0, 5).forEach(([ref, from]) => console.log(`  ${from} refers to ${ref}`));
if (unresolved.length > 0 || repeated > 0)
	failed = true;
process.exit(failed ? 1 : 0);
