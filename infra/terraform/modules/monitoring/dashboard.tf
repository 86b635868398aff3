resource "aws_cloudwatch_dashboard" "oracle" {
  dashboard_name = var.resource_prefix

  dashboard_body = jsonencode({
    widgets = [
      {
        type   = "metric"
        x      = 0
        y      = 0
        width  = 12
        height = 6
        properties = {
          title  = "Requests per minute"
          region = var.aws.region
          stat   = "Sum"
          period = 60
          view   = "timeSeries"
          metrics = [
            ["AWS/Lambda", "Invocations", "FunctionName", var.function_name, { label = "Oracle invocations" }],
            ["AWS/ApiGateway", "Count", "ApiId", var.api_id, { label = "HTTP API requests" }],
          ]
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 0
        width  = 12
        height = 6
        properties = {
          # Rates, as the Lambda error-rate alarm judges them: errors per 100 requests a minute.
          title  = "Error rate (%)"
          region = var.aws.region
          stat   = "Sum"
          period = 60
          view   = "timeSeries"
          yAxis  = { left = { min = 0, label = "%", showUnits = false } }
          metrics = [
            [{ expression = "100 * lambda_errors / lambda_invocations", id = "lambda_error_rate", label = "Oracle errors (% of invocations)" }],
            [{ expression = "100 * api_5xx / api_requests", id = "api_5xx_rate", label = "HTTP API 5xx (% of requests)" }],
            [{ expression = "100 * api_4xx / api_requests", id = "api_4xx_rate", label = "HTTP API 4xx (% of requests)" }],
            ["AWS/Lambda", "Errors", "FunctionName", var.function_name, { id = "lambda_errors", visible = false }],
            ["AWS/Lambda", "Invocations", "FunctionName", var.function_name, { id = "lambda_invocations", visible = false }],
            ["AWS/ApiGateway", "5xx", "ApiId", var.api_id, { id = "api_5xx", visible = false }],
            ["AWS/ApiGateway", "4xx", "ApiId", var.api_id, { id = "api_4xx", visible = false }],
            ["AWS/ApiGateway", "Count", "ApiId", var.api_id, { id = "api_requests", visible = false }],
          ]
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 6
        width  = 12
        height = 6
        properties = {
          # The seed's targets are p95s: evaluation < 1 s, API response < 500 ms.
          title  = "Latency p95 (ms)"
          region = var.aws.region
          stat   = "p95"
          period = 60
          view   = "timeSeries"
          metrics = [
            ["AWS/Lambda", "Duration", "FunctionName", var.function_name, { label = "Oracle duration p95" }],
            [var.metrics_namespace, "EvaluationLatency", { label = "Evaluation p95" }],
            ["AWS/ApiGateway", "Latency", "ApiId", var.api_id, { label = "HTTP API latency p95" }],
          ]
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 6
        width  = 12
        height = 6
        properties = {
          title  = "Cold starts, throttles and nonce failures (per 5 minutes)"
          region = var.aws.region
          stat   = "Sum"
          period = 300
          view   = "timeSeries"
          metrics = [
            [var.metrics_namespace, "ColdStart", { label = "Cold starts" }],
            ["AWS/Lambda", "Throttles", "FunctionName", var.function_name, { label = "Oracle throttles" }],
            [var.metrics_namespace, "NonceFailures", { label = "Nonce failures" }],
          ]
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 12
        width  = 12
        height = 6
        properties = {
          title  = "DynamoDB consumed capacity and throttles"
          region = var.aws.region
          stat   = "Sum"
          period = 60
          view   = "timeSeries"
          metrics = [
            ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", var.table_names.fp_events, { label = "FP events reads" }],
            ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", var.table_names.fp_events, { label = "FP events writes" }],
            ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", var.table_names.consent, { label = "Consent reads" }],
            ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", var.table_names.consent, { label = "Consent writes" }],
            ["AWS/DynamoDB", "ReadThrottleEvents", "TableName", var.table_names.fp_events, { label = "FP events read throttles" }],
            ["AWS/DynamoDB", "WriteThrottleEvents", "TableName", var.table_names.fp_events, { label = "FP events write throttles" }],
            ["AWS/DynamoDB", "ReadThrottleEvents", "TableName", var.table_names.consent, { label = "Consent read throttles" }],
            ["AWS/DynamoDB", "WriteThrottleEvents", "TableName", var.table_names.consent, { label = "Consent write throttles" }],
          ]
        }
      },
      {
        type   = "alarm"
        x      = 12
        y      = 12
        width  = 12
        height = 6
        properties = {
          title = "Alarm status"
          alarms = [
            aws_cloudwatch_metric_alarm.fp_events_throttles.arn,
            aws_cloudwatch_metric_alarm.consent_throttles.arn,
            aws_cloudwatch_metric_alarm.lambda_error_rate.arn,
            aws_cloudwatch_metric_alarm.api_latency_p95.arn,
            aws_cloudwatch_metric_alarm.evaluation_latency_p95.arn,
            aws_cloudwatch_metric_alarm.nonce_failures.arn,
          ]
        }
      },
    ]
  })
}
