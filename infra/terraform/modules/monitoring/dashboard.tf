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
          title  = "Errors per minute"
          region = var.aws.region
          stat   = "Sum"
          period = 60
          view   = "timeSeries"
          metrics = [
            ["AWS/Lambda", "Errors", "FunctionName", var.function_name, { label = "Oracle errors" }],
            ["AWS/Lambda", "Throttles", "FunctionName", var.function_name, { label = "Oracle throttles" }],
            ["AWS/ApiGateway", "4xx", "ApiId", var.api_id, { label = "HTTP API 4xx" }],
            ["AWS/ApiGateway", "5xx", "ApiId", var.api_id, { label = "HTTP API 5xx" }],
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
          title  = "Lambda duration (ms)"
          region = var.aws.region
          period = 60
          view   = "timeSeries"
          metrics = [
            ["AWS/Lambda", "Duration", "FunctionName", var.function_name, { stat = "p50", label = "p50" }],
            ["AWS/Lambda", "Duration", "FunctionName", var.function_name, { stat = "p95", label = "p95" }],
            ["AWS/Lambda", "Duration", "FunctionName", var.function_name, { stat = "p99", label = "p99" }],
            [var.metrics_namespace, "EvaluationLatency", { stat = "p95", label = "EvaluationLatency p95" }],
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
          title  = "Cold starts and nonce failures"
          region = var.aws.region
          stat   = "Sum"
          period = 300
          view   = "timeSeries"
          metrics = [
            [var.metrics_namespace, "ColdStart", { label = "Cold starts" }],
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
