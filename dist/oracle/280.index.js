export const id = 280;
export const ids = [280];
export const modules = {

/***/ 3280:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dynamoDbStores: () => (/* binding */ dynamoDbStores)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js
var dist_cjs = __webpack_require__(4305);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js
var lib_dynamodb_dist_cjs = __webpack_require__(8907);
// EXTERNAL MODULE: ./oracle/src/contract.ts
var contract = __webpack_require__(1428);
;// CONCATENATED MODULE: ./oracle/src/stores/consent-store.ts
// The consent table: one item per org, keyed by the org's HMAC (the org name is never stored).


class ConsentStore {
    client;
    table;
    constructor(client, table) {
        this.client = client;
        this.table = table;
    }
    async get(orgHash) {
        const { Item } = await this.client.send(new lib_dynamodb_dist_cjs/* GetCommand */.s$({
            TableName: this.table,
            Key: { [contract/* CONSENT_KEYS */.AU.partitionKey]: orgHash },
            ConsistentRead: true,
        }));
        if (!Item)
            return undefined;
        const consent = {
            scope: Item.scope,
            grantedBy: String(Item.grantedBy),
            grantedAt: String(Item.grantedAt),
            revoked: Item.revoked === true,
        };
        if (typeof Item.expiresAt === 'string')
            consent.expiresAt = Item.expiresAt;
        return consent;
    }
    async put(orgHash, consent) {
        await this.client.send(new lib_dynamodb_dist_cjs/* PutCommand */.Z$({
            TableName: this.table,
            Item: { [contract/* CONSENT_KEYS */.AU.partitionKey]: orgHash, ...consent },
        }));
    }
}

// EXTERNAL MODULE: ./oracle/src/keyed-hash.ts
var keyed_hash = __webpack_require__(7071);
;// CONCATENATED MODULE: ./oracle/src/stores/fp-events-store.ts
// The FP events table: one item per recorded violation event, and one per false-positive mark.
//   event: pk = rule#<ruleId>, sk = event#<iso>#<eventId>, gsi1pk = finding#<findingId>
//   mark:  pk = rule#<ruleId>, sk = fp#<findingId>,        gsi1pk = finding#<findingId>
// Marks have a fixed key so one BatchGetItem checks every finding of an evaluation.



const { partitionKey: PK, sortKey: SK, findingIndexKey: GSI1PK, ttlAttribute: TTL, } = contract/* FP_EVENTS_KEYS */.iT;
const BATCH_GET_LIMIT = 100;
const BATCH_GET_CONCURRENCY = 4;
const UNPROCESSED_RETRIES = 3;
function ttlFrom(nowMs) {
    return Math.floor(nowMs / 1000) + contract/* FP_EVENT_TTL_DAYS */.P4 * 24 * 3600;
}
function markKey(ruleId, findingId) {
    return { [PK]: `rule#${ruleId}`, [SK]: `fp#${findingId}` };
}
class FpEventsStore {
    client;
    table;
    now;
    constructor(client, table, now) {
        this.client = client;
        this.table = table;
        this.now = now;
    }
    async record(event) {
        const nowMs = this.now();
        try {
            await this.client.send(new lib_dynamodb_dist_cjs/* PutCommand */.Z$({
                TableName: this.table,
                Item: {
                    [PK]: `rule#${event.ruleId}`,
                    [SK]: `event#${event.occurredAt}#${event.eventId}`,
                    [GSI1PK]: `finding#${event.findingId}`,
                    [TTL]: ttlFrom(nowMs),
                    type: 'event',
                    recordedAt: new Date(nowMs).toISOString(),
                    ...event,
                },
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': PK },
            }));
            return true;
        }
        catch (error) {
            if (error instanceof Error && error.name === 'ConditionalCheckFailedException')
                return false;
            throw error;
        }
    }
    async markFalsePositive(mark) {
        const nowMs = this.now();
        const markedAt = new Date(nowMs).toISOString();
        await this.client.send(new lib_dynamodb_dist_cjs/* PutCommand */.Z$({
            TableName: this.table,
            Item: {
                ...markKey(mark.ruleId, mark.findingId),
                [GSI1PK]: `finding#${mark.findingId}`,
                [TTL]: ttlFrom(nowMs),
                type: 'false_positive',
                markedAt,
                ...mark,
            },
        }));
        return { markedAt };
    }
    /** Which of the finding ids carry a live false-positive mark (expired marks awaiting TTL deletion do not count). */
    async markedFalsePositive(findingIds) {
        const unique = [...new Set(findingIds)];
        const nowSeconds = Math.floor(this.now() / 1000);
        const marked = new Set();
        const batches = [];
        for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT)
            batches.push(unique.slice(i, i + BATCH_GET_LIMIT).map((id) => markKey((0,keyed_hash/* ruleIdOfFinding */.gP)(id), id)));
        // Batches in parallel, a few at a time: a findings-heavy PR waits for one round trip, not ten.
        for (let i = 0; i < batches.length; i += BATCH_GET_CONCURRENCY) {
            const results = await Promise.all(batches.slice(i, i + BATCH_GET_CONCURRENCY).map((keys) => this.batchGet(keys)));
            for (const item of results.flat()) {
                if (typeof item[TTL] === 'number' && item[TTL] <= nowSeconds)
                    continue;
                if (typeof item.findingId === 'string')
                    marked.add(item.findingId);
            }
        }
        return marked;
    }
    async batchGet(keys) {
        const items = [];
        let pending = keys;
        for (let attempt = 0; pending.length > 0; attempt += 1) {
            if (attempt > UNPROCESSED_RETRIES) {
                throw new Error(`DynamoDB left ${pending.length} keys unprocessed after ${UNPROCESSED_RETRIES} retries`);
            }
            const result = await this.client.send(new lib_dynamodb_dist_cjs/* BatchGetCommand */.Ov({
                RequestItems: {
                    [this.table]: {
                        Keys: pending,
                        ProjectionExpression: 'findingId, #ttl',
                        ExpressionAttributeNames: { '#ttl': TTL },
                    },
                },
            }));
            items.push(...(result.Responses?.[this.table] ?? []));
            pending =
                result.UnprocessedKeys?.[this.table]?.Keys ?? [];
        }
        return items;
    }
}

;// CONCATENATED MODULE: ./oracle/src/stores/dynamodb-stores.ts
// Both tables behind one DynamoDB client. Loaded with `import()` on first use (see aws-clients.ts).




function dynamoDbStores(tables, now) {
    // The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB when set (local stack); never hard-coded.
    const documents = lib_dynamodb_dist_cjs/* DynamoDBDocumentClient */.TG.from(new dist_cjs.DynamoDBClient({}), {
        marshallOptions: { removeUndefinedValues: true },
    });
    return {
        fpEvents: new FpEventsStore(documents, tables.fpEventsTable, now),
        consent: new ConsentStore(documents, tables.consentTable),
    };
}


/***/ })

};
