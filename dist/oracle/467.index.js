export const id = 467;
export const ids = [467];
export const modules = {

/***/ 6467:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readWorkflowDocument: () => (/* binding */ readWorkflowDocument)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _unreadable_document_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1167);
// Reads a workflow or action file's YAML into the model MD-002 and MD-003 share
// (rules/workflow-document.ts). The `yaml` library keeps each node's source range and resolves
// aliases; this module is loaded with import() only when a pull request changes such a file.


/** Nodes visited per document; aliases can multiply a small file into a huge tree. */
const MAX_VISITS = 100_000;
class DocumentReader {
    document;
    lineCounter;
    visits = 0;
    constructor(document, lineCounter) {
        this.document = document;
        this.lineCounter = lineCounter;
    }
    site(node) {
        const range = node.range;
        if (!range)
            return { line: 1, endLine: 1 };
        const [start, end] = range;
        const line = this.lineCounter.linePos(start).line;
        const endLine = this.lineCounter.linePos(Math.max(start, end - 1)).line;
        // A block scalar's range starts at its `|` or `>` header, on its key's line; its text is below.
        const block = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
        return { line: block ? Math.min(line + 1, endLine) : line, endLine };
    }
    /** The node behind any aliases, with the alias sites that led to it. */
    resolve({ node, via }) {
        let current = node;
        let path = via;
        for (;;) {
            this.visits += 1;
            if (this.visits > MAX_VISITS) {
                throw new _unreadable_document_js__WEBPACK_IMPORTED_MODULE_1__/* .UnreadableDocumentError */ .n('too_complex', `more than ${MAX_VISITS} nodes once aliases are expanded`);
            }
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(current))
                return { node: current, via: path };
            path = [...path, this.site(current)];
            current = current.resolve(this.document);
        }
    }
    entries(reached) {
        const { node, via } = this.resolve(reached);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node))
            return [];
        const entries = [];
        for (const pair of node.items) {
            const key = this.resolve({ node: pair.key, via });
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(key.node) || key.node.value === null)
                continue;
            entries.push({
                name: String(key.node.value),
                keySite: this.site(pair.key),
                value: { node: pair.value, via },
            });
        }
        return entries;
    }
    items(reached) {
        const { node, via } = this.resolve(reached);
        return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) ? node.items.map((item) => ({ node: item, via })) : [];
    }
    /** A scalar value with its sites: aliases on the way, its own lines, then its key (if any). */
    scalar(reached, keySite) {
        const before = reached.via.length;
        const { node, via } = this.resolve(reached);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) || node.value === null || typeof node.value === 'object')
            return undefined;
        const outer = via.slice(0, before);
        const valueAliases = via.slice(before);
        return {
            value: String(node.value),
            sites: [...outer, ...valueAliases, this.site(node), ...(keySite ? [keySite] : [])],
        };
    }
    field(entries, name) {
        return entries.find((entry) => entry.name === name);
    }
}
function readPermissions(reader, entry) {
    if (!entry)
        return undefined;
    const all = reader.scalar(entry.value, entry.keySite);
    const scopes = new Map();
    for (const scope of reader.entries(entry.value)) {
        const level = reader.scalar(scope.value, scope.keySite);
        if (level)
            scopes.set(scope.name, level);
    }
    // A scalar `permissions:` is read-all/write-all; a mapping lists scopes (`{}` grants none).
    return all ? { all, scopes } : { scopes };
}
function readStep(reader, step) {
    const fields = reader.entries(step);
    const scalarField = (name) => {
        const entry = reader.field(fields, name);
        return entry && reader.scalar(entry.value, entry.keySite);
    };
    const inputs = new Map();
    const withEntry = reader.field(fields, 'with');
    for (const input of withEntry ? reader.entries(withEntry.value) : []) {
        const value = reader.scalar(input.value, input.keySite);
        if (value)
            inputs.set(input.name, value);
    }
    const model = { with: inputs };
    const uses = scalarField('uses');
    const run = scalarField('run');
    if (uses)
        model.uses = uses;
    if (run)
        model.run = run;
    return model;
}
function readSteps(reader, entry) {
    return entry ? reader.items(entry.value).map((step) => readStep(reader, step)) : [];
}
function readTriggers(reader, entry) {
    if (!entry)
        return [];
    const single = reader.scalar(entry.value, entry.keySite);
    if (single)
        return [single];
    const listed = reader
        .items(entry.value)
        .map((item) => reader.scalar(item))
        .filter((item) => item !== undefined);
    const keyed = reader.entries(entry.value).map((event) => ({
        value: event.name,
        sites: [...event.value.via, event.keySite],
    }));
    return [...listed, ...keyed];
}
function readJob(reader, job) {
    const fields = reader.entries(job.value);
    const value = reader.site(job.value.node);
    const model = {
        id: job.name,
        site: { line: job.keySite.line, endLine: Math.max(job.keySite.endLine, value.endLine) },
        steps: readSteps(reader, reader.field(fields, 'steps')),
    };
    const permissions = readPermissions(reader, reader.field(fields, 'permissions'));
    if (permissions)
        model.permissions = permissions;
    const usesEntry = reader.field(fields, 'uses');
    const uses = usesEntry && reader.scalar(usesEntry.value, usesEntry.keySite);
    if (uses)
        model.uses = uses;
    return model;
}
/**
 * Reads `text` as a workflow (`kind: 'workflow'`) or an action's metadata (`'action'`).
 * Throws UnreadableDocumentError when it is not YAML, or not a mapping at the top.
 */
function readWorkflowDocument(text, kind) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter, prettyErrors: false });
    const error = document.errors[0];
    if (error) {
        const line = lineCounter.linePos(error.pos[0]).line;
        throw new _unreadable_document_js__WEBPACK_IMPORTED_MODULE_1__/* .UnreadableDocumentError */ .n('not_yaml', `${error.code} at line ${line}`);
    }
    const reader = new DocumentReader(document, lineCounter);
    const root = { node: document.contents, via: [] };
    const model = {
        kind,
        triggers: [],
        jobs: [],
        steps: [],
        lines: text.split(/\r?\n/),
    };
    if (reader.resolve(root).node === null)
        return model;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(reader.resolve(root).node)) {
        throw new _unreadable_document_js__WEBPACK_IMPORTED_MODULE_1__/* .UnreadableDocumentError */ .n('not_a_workflow', 'the top level is not a mapping of workflow or action keys');
    }
    const top = reader.entries(root);
    if (kind === 'action') {
        const runs = reader.field(top, 'runs');
        model.steps = runs ? readSteps(reader, reader.field(reader.entries(runs.value), 'steps')) : [];
        return model;
    }
    model.triggers = readTriggers(reader, reader.field(top, 'on'));
    const permissions = readPermissions(reader, reader.field(top, 'permissions'));
    if (permissions)
        model.permissions = permissions;
    const jobs = reader.field(top, 'jobs');
    model.jobs = (jobs ? reader.entries(jobs.value) : []).map((job) => readJob(reader, job));
    return model;
}


/***/ })

};
