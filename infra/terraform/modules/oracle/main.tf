resource "aws_cloudwatch_log_group" "lambda" {
  name              = var.lambda_log_group
  retention_in_days = 30
  kms_key_id        = var.kms_key_arn
}

resource "aws_lambda_function" "oracle" {
  function_name                  = var.function_name
  description                    = "Mirror Dissonance Oracle: evaluates pull-request events against governance rules."
  role                           = var.exec_role_arn
  runtime                        = "nodejs24.x"
  architectures                  = ["arm64"]
  handler                        = "index.handler"
  filename                       = var.package_path
  source_code_hash               = filebase64sha256(var.package_path)
  memory_size                    = var.memory_mb
  timeout                        = var.timeout_seconds
  reserved_concurrent_executions = var.reserved_concurrency
  publish                        = true

  # Exactly ORACLE_ENV_VARS of oracle/src/contract.ts; the Oracle validates them at load.
  environment {
    # The seed's variables (ORACLE_ENV_VARS); the Oracle derives the table names, the webhook
    # secret's name and the metrics namespace from them.
    variables = merge(
      {
        ENVIRONMENT           = var.environment
        DYNAMODB_TABLE_PREFIX = var.table_prefix
        SSM_PARAMETER_PREFIX  = var.parameter_prefix
        GITHUB_TOKEN_SSM      = var.parameter_names.github_token
        NONCE_SSM             = var.parameter_names.nonce
      },
      var.verify_action_shas ? { VERIFY_ACTION_SHAS = "true" } : {},
    )
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.lambda.name
  }
}

resource "aws_lambda_alias" "live" {
  name             = var.alias_name
  description      = "The version the actions and the webhook invoke."
  function_name    = aws_lambda_function.oracle.function_name
  function_version = aws_lambda_function.oracle.version
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = var.api_log_group
  retention_in_days = 30
  kms_key_id        = var.kms_key_arn
}

resource "aws_apigatewayv2_api" "webhook" {
  name          = var.function_name
  description   = "GitHub webhook and health check of the Mirror Dissonance Oracle."
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "oracle" {
  api_id                 = aws_apigatewayv2_api.webhook.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_alias.live.arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "webhook" {
  api_id    = aws_apigatewayv2_api.webhook.id
  route_key = "POST /webhook"
  target    = "integrations/${aws_apigatewayv2_integration.oracle.id}"
}

resource "aws_apigatewayv2_route" "health" {
  api_id    = aws_apigatewayv2_api.webhook.id
  route_key = "GET /health"
  target    = "integrations/${aws_apigatewayv2_integration.oracle.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.webhook.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit = 50
    throttling_rate_limit  = 20
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      httpMethod         = "$context.httpMethod"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      sourceIp           = "$context.identity.sourceIp"
    })
  }
}

resource "aws_lambda_permission" "http_api" {
  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.oracle.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.webhook.execution_arn}/*/*"
}
