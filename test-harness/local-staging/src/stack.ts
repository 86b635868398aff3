// The local AWS-compatible stack: every emulated service on its own loopback port, reached by the
// unmodified SDK clients through AWS_ENDPOINT_URL_<SERVICE>, provisioned from plain data.
import { randomUUID } from 'node:crypto';
import { Authorizer } from './aws/authorizer.js';
import { BudgetStore } from './budgets/budget-store.js';
import { createBudgetsService } from './budgets/budgets-service.js';
import { AlarmStore } from './cloudwatch/alarm-store.js';
import { publishEmbeddedMetrics } from './cloudwatch/embedded-metrics.js';
import { createCloudWatchService, type Dashboards } from './cloudwatch/cloudwatch-service.js';
import { MetricStore } from './cloudwatch/metric-store.js';
import { CredentialRegistry } from './credentials.js';
import { startDynalite, type DynaliteBackend } from './dynamodb/dynalite-backend.js';
import { createDynamoDbService } from './dynamodb/dynamodb-service.js';
import { TableSettingsStore } from './dynamodb/table-settings.js';
import { createAdminApi } from './faults/admin-api.js';
import { FaultSwitches, type ServiceName, type Sleep } from './faults/fault-switches.js';
import { startHttpService, type RunningService, type ServiceHandler } from './http-service.js';
import { HttpApiMetrics } from './http-api/http-api-metrics.js';
import { createHttpApiService } from './http-api/http-api-service.js';
import { TableMetrics } from './dynamodb/table-metrics.js';
import { createIamService } from './iam/iam-service.js';
import { PolicyEngine } from './iam/policy-engine.js';
import { functionEnvironment } from './lambda/function-environment.js';
import { FunctionRegistry } from './lambda/functions.js';
import { InstancePool } from './lambda/instance-pool.js';
import { Invoker } from './lambda/invoker.js';
import { LambdaMetrics } from './lambda/lambda-metrics.js';
import { createLambdaService } from './lambda/lambda-service.js';
import { UpdateWindow } from './lambda/update-window.js';
import { applyProvisioning } from './provisioner.js';
import type { HttpApiSpec, StackProvisioning } from './provisioning.js';
import { RequestPauses } from './request-pauses.js';
import { createSnsService } from './sns/sns-service.js';
import { SnsTopics } from './sns/topics.js';
import { SqsQueues } from './sqs/queues.js';
import { createSqsService } from './sqs/sqs-service.js';
import { sqsDelivery } from './sqs/topic-delivery.js';
import { ParameterStore } from './ssm/parameter-store.js';
import { createSsmService } from './ssm/ssm-service.js';

export interface LocalStackOptions {
  /** Default us-east-1. */
  region?: string;
  /** Default 123456789012. */
  accountId?: string;
  /** Where the STS records issued credentials; a new one by default. */
  registry?: CredentialRegistry;
  /** An access key id let through without policy checks (provisioning, admin tools). */
  adminAccessKeyId?: string;
  provisioning?: StackProvisioning;
  /** The node binary function instances run on; default this process's. */
  nodeBinary?: string;
  /** How long an idle function instance stays warm; default 10 minutes. */
  idleTimeoutMs?: number;
  /** How long LastUpdateStatus stays InProgress after UpdateFunctionConfiguration; default 200 ms. */
  updateSettleMs?: number;
  /** Concurrent executions of functions without reserved concurrency; default 64. */
  unreservedConcurrency?: number;
  /** How often alarms are evaluated against the metric data, as CloudWatch does; default 60 s, 0 = never. */
  alarmEvaluationIntervalMs?: number;
  /** Randomness of the fault switches (injectable for tests). */
  random?: () => number;
  /** How added latency waits (injectable for tests). */
  sleep?: Sleep;
}

export interface StackEndpoints {
  lambda: string;
  dynamodb: string;
  ssm: string;
  cloudwatch: string;
  sns: string;
  sqs: string;
  budgets: string;
  iam: string;
  /** The HTTP API's invoke URL (POST /webhook, GET /health). */
  httpApi: string;
  /** The admin API: fault switches and recorded SNS messages. */
  admin: string;
}

export interface LocalStack {
  region: string;
  accountId: string;
  endpoints: StackEndpoints;
  /** AWS_ENDPOINT_URL_<SERVICE> for every service, to hand to SDK clients, actions and functions. */
  env: Record<string, string>;
  registry: CredentialRegistry;
  policies: PolicyEngine;
  faults: FaultSwitches;
  /** Pauses one request of a service until a test lets it go (deterministic cancellation tests). */
  pauses: RequestPauses;
  /** How long Lambda configuration updates stay InProgress; holds that keep one InProgress. */
  lambdaUpdates: UpdateWindow;
  /** SNS topics and every message published to them. */
  sns: SnsTopics;
  /** SQS queues (SNS delivers to their subscriptions). */
  queues: SqsQueues;
  /** AWS Budgets; `budgets.setSpend(name, …)` stands in for billing data. */
  budgets: BudgetStore;
  /** CloudWatch metric data published so far (PutMetricData, embedded metrics, AWS/Lambda). */
  metrics: MetricStore;
  /** Evaluates every alarm against the metric data now; returns the alarms whose state changed. */
  evaluateAlarms(now?: Date): string[];
  provision(provisioning: StackProvisioning): Promise<void>;
  stop(): Promise<void>;
}

function withLatency(
  faults: FaultSwitches,
  service: ServiceName,
  handler: ServiceHandler,
): ServiceHandler {
  return async (request) => {
    await faults.delay(service);
    return handler(request);
  };
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const registry = options.registry ?? new CredentialRegistry();
  const policies = new PolicyEngine();
  const faults = new FaultSwitches(options.random, options.sleep);
  const authorizer = new Authorizer({
    registry,
    engine: policies,
    region,
    accountId,
    adminAccessKeyId: options.adminAccessKeyId,
  });
  const env: Record<string, string> = {};

  const pauses = new RequestPauses();
  const lambdaUpdates = new UpdateWindow(options.updateSettleMs ?? 200);
  const functions = new FunctionRegistry(region, accountId, lambdaUpdates);
  const pool = new InstancePool({
    nodeBinary: options.nodeBinary ?? process.execPath,
    idleTimeoutMs: options.idleTimeoutMs ?? 10 * 60_000,
    environmentFor: (config) =>
      functionEnvironment(
        config,
        region,
        registry.issue(config.role, `${config.name}-${randomUUID().slice(0, 8)}`, 12 * 3600),
        env,
      ),
  });
  const metrics = new MetricStore();
  const invoker = new Invoker({
    pool,
    faults,
    unreservedConcurrency: options.unreservedConcurrency ?? 64,
    onLog: (_functionName, log) => publishEmbeddedMetrics(log, metrics),
    metrics: new LambdaMetrics(metrics),
  });

  const services: RunningService[] = [];
  let dynaliteBackend: DynaliteBackend | undefined;
  let alarmTimer: NodeJS.Timeout | undefined;
  const queues = new SqsQueues(region, accountId);
  const stop = async (): Promise<void> => {
    clearInterval(alarmTimer);
    queues.close();
    await pool.stop();
    await Promise.all(services.map((s) => s.close()));
    await dynaliteBackend?.close();
  };
  const start = async (name: ServiceName, handler: ServiceHandler): Promise<RunningService> => {
    const service = await startHttpService(
      name,
      withLatency(faults, name, pauses.wrap(name, handler)),
    );
    services.push(service);
    return service;
  };
  try {
    const lambda = await start(
      'lambda',
      createLambdaService({ functions, invoker, pool, authorizer }),
    );
    env.AWS_ENDPOINT_URL_LAMBDA = lambda.url;

    const dynalite = await startDynalite();
    dynaliteBackend = dynalite;
    const tableSettings = new TableSettingsStore(region, accountId);
    const dynamodb = await start(
      'dynamodb',
      createDynamoDbService({
        backend: dynalite,
        settings: tableSettings,
        authorizer,
        faults,
        metrics: new TableMetrics(metrics),
      }),
    );
    env.AWS_ENDPOINT_URL_DYNAMODB = dynamodb.url;

    const parameters = new ParameterStore();
    const ssm = await start('ssm', createSsmService({ store: parameters, authorizer, faults }));
    env.AWS_ENDPOINT_URL_SSM = ssm.url;

    const sns = new SnsTopics(region, accountId);
    const alarms = new AlarmStore(region, accountId, (topicArn, subject, message) =>
      sns.publish(topicArn, message, subject),
    );
    const dashboards: Dashboards = new Map();
    const cloudwatch = await start(
      'cloudwatch',
      createCloudWatchService({ metrics, alarms, dashboards, authorizer }),
    );
    env.AWS_ENDPOINT_URL_CLOUDWATCH = cloudwatch.url;

    const snsService = await start('sns', createSnsService({ topics: sns, authorizer }));
    env.AWS_ENDPOINT_URL_SNS = snsService.url;

    let sqsUrl = '';
    const sqs = await start('sqs', createSqsService({ queues, authorizer, baseUrl: () => sqsUrl }));
    sqsUrl = sqs.url;
    env.AWS_ENDPOINT_URL_SQS = sqs.url;
    sns.deliverWith('sqs', sqsDelivery(queues, policies, accountId));

    const budgets = new BudgetStore();
    const budgetsService = await start('budgets', createBudgetsService({ budgets, authorizer }));
    env.AWS_ENDPOINT_URL_BUDGETS = budgetsService.url;

    const iam = await start('iam', createIamService({ engine: policies, authorizer }));
    env.AWS_ENDPOINT_URL_IAM = iam.url;

    const evaluateAlarms = (now: Date = new Date()) => alarms.evaluate(metrics, now.getTime());
    const alarmEvaluationIntervalMs = options.alarmEvaluationIntervalMs ?? 60_000;
    if (alarmEvaluationIntervalMs > 0) {
      alarmTimer = setInterval(() => evaluateAlarms(), alarmEvaluationIntervalMs);
      alarmTimer.unref();
    }

    const admin = await startHttpService(
      'admin',
      createAdminApi({ faults, sns, evaluateAlarms: () => evaluateAlarms() }),
    );
    services.push(admin);

    let httpApiSpec: HttpApiSpec | undefined;
    const httpApi = await start(
      'http-api',
      createHttpApiService({
        functions,
        invoker,
        accountId,
        api: () => httpApiSpec,
        metrics: new HttpApiMetrics(metrics),
      }),
    );

    const provision = (provisioning: StackProvisioning): Promise<void> =>
      applyProvisioning(
        {
          accountId,
          policies,
          dynalite,
          tableSettings,
          parameters,
          functions,
          sns,
          queues,
          budgets,
          alarms,
          dashboards,
          setHttpApi: (api) => {
            httpApiSpec = api;
          },
        },
        provisioning,
      );
    if (options.provisioning) await provision(options.provisioning);

    return {
      region,
      accountId,
      endpoints: {
        lambda: lambda.url,
        dynamodb: dynamodb.url,
        ssm: ssm.url,
        cloudwatch: cloudwatch.url,
        sns: snsService.url,
        sqs: sqs.url,
        budgets: budgetsService.url,
        iam: iam.url,
        httpApi: httpApi.url,
        admin: admin.url,
      },
      env,
      registry,
      policies,
      faults,
      pauses,
      lambdaUpdates,
      sns,
      queues,
      budgets,
      metrics,
      evaluateAlarms,
      provision,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
