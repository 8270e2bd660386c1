# planb: CloudFront configuration (generated; proven only on paper: this file follows the
# CloudFront and Terraform AWS provider documentation but was not applied by planb's tests).
#
# A complete example distribution: the application origin behind the default behavior, and
# planb's pages from their own S3 bucket behind `/_planb/*`, so they survive the application.
# To add planb to an existing distribution, copy the `origin` "planb-pages", the
# `ordered_cache_behavior` and `custom_error_response` blocks, the `dynamic "function_association"`
# block and the resources they name. Switch mode with one variable:
#   terraform apply -var planb_mode=landing    (or overflow, or normal)

variable "planb_mode" {
  description = "What the edge does: normal, landing (/ answers 302 to the landing page) or overflow (every path answers the overflow page with 503)."
  type        = string
  default     = "normal"
  validation {
    condition     = contains(["normal", "landing", "overflow"], var.planb_mode)
    error_message = "planb_mode is normal, landing or overflow."
  }
}

variable "planb_name" {
  description = "Prefix of the names of planb's CloudFront resources."
  type        = string
  default     = "planb"
}

variable "app_domain_name" {
  description = "The application origin's domain name."
  type        = string
}

variable "pages_bucket_regional_domain_name" {
  description = "The S3 bucket holding output/public/, e.g. my-pages.s3.eu-west-3.amazonaws.com."
  type        = string
}

data "aws_cloudfront_cache_policy" "caching_disabled" {
  name = "Managed-CachingDisabled"
}

# Forwards everything but the viewer's Host header: the overflow function sends requests of
# the default behavior to the S3 origin, which must receive its own Host.
data "aws_cloudfront_origin_request_policy" "all_viewer_except_host" {
  name = "Managed-AllViewerExceptHostHeader"
}

# The pages' Cache-Control (S3 object metadata, set at upload) decides how long CloudFront
# keeps them; min_ttl = 0 so that `no-store` (the 429 page) is honoured.
resource "aws_cloudfront_cache_policy" "planb_pages" {
  name        = "${var.planb_name}-pages"
  min_ttl     = 0
  default_ttl = 86400
  max_ttl     = 31536000

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_brotli = true
    enable_accept_encoding_gzip   = true
    cookies_config {
      cookie_behavior = "none"
    }
    headers_config {
      header_behavior = "none"
    }
    query_strings_config {
      query_string_behavior = "none"
    }
  }
}

resource "aws_cloudfront_origin_access_control" "planb_pages" {
  name                              = "${var.planb_name}-pages"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# Headers of /_planb/errors/404.html, /_planb/errors/500.html.
resource "aws_cloudfront_response_headers_policy" "planb_1" {
  name    = "${var.planb_name}-headers-1"
  comment = "planb: the manifest's headers for 2 page(s)"

  security_headers_config {
    content_security_policy {
      content_security_policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
      override                = true
    }
    content_type_options {
      override = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
  }
}

# Headers of /_planb/errors/429.html, /_planb/errors/503.html.
resource "aws_cloudfront_response_headers_policy" "planb_2" {
  name    = "${var.planb_name}-headers-2"
  comment = "planb: the manifest's headers for 2 page(s)"

  custom_headers_config {
    items {
      header   = "Retry-After"
      value    = "30"
      override = true
    }
  }

  security_headers_config {
    content_security_policy {
      content_security_policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
      override                = true
    }
    content_type_options {
      override = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
  }
}

# Headers of /_planb/landing.html.
resource "aws_cloudfront_response_headers_policy" "planb_3" {
  name    = "${var.planb_name}-headers-3"
  comment = "planb: the manifest's headers for 1 page(s)"

  security_headers_config {
    content_security_policy {
      content_security_policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-rE6XQUIM3V8+QTBaRP+R+HLXiQtzCs2sqJWDPVpkrIg=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU=' 'sha256-Pos3/2uHzia3jen4FqkBK2oL1XAv3bYP9DRlpKYVRBU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
      override                = true
    }
    content_type_options {
      override = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
  }
}

# Headers of /_planb/overflow.html.
resource "aws_cloudfront_response_headers_policy" "planb_4" {
  name    = "${var.planb_name}-headers-4"
  comment = "planb: the manifest's headers for 1 page(s)"

  custom_headers_config {
    items {
      header   = "Retry-After"
      value    = "20"
      override = true
    }
  }

  security_headers_config {
    content_security_policy {
      content_security_policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-krZ/Hi4QFrdwRKXZYtt1gobqcnoCsBSo/Rn44cPXXDM=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
      override                = true
    }
    content_type_options {
      override = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
  }
}

# Headers of /_planb/promo.html.
resource "aws_cloudfront_response_headers_policy" "planb_5" {
  name    = "${var.planb_name}-headers-5"
  comment = "planb: the manifest's headers for 1 page(s)"

  security_headers_config {
    content_security_policy {
      content_security_policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-nHPMI+ZZFPTK6E412yKoaaMb53mnGfeeAE+Ze4APtoo=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU=' 'sha256-Pos3/2uHzia3jen4FqkBK2oL1XAv3bYP9DRlpKYVRBU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
      override                = true
    }
    content_type_options {
      override = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
  }
}

resource "aws_cloudfront_function" "planb_landing" {
  name    = "${var.planb_name}-landing"
  runtime = "cloudfront-js-2.0"
  comment = "planb landing mode: / answers 302 to the landing page"
  publish = true
  code    = file("${path.module}/functions/landing.js")
}

resource "aws_cloudfront_function" "planb_overflow" {
  name    = "${var.planb_name}-overflow"
  runtime = "cloudfront-js-2.0"
  comment = "planb overflow mode: every request goes to the overflow page on S3"
  publish = true
  code    = file("${path.module}/functions/overflow.js")
}

resource "aws_cloudfront_function" "planb_overflow_response" {
  name    = "${var.planb_name}-overflow-response"
  runtime = "cloudfront-js-2.0"
  comment = "planb overflow mode: 503 and the overflow page's headers"
  publish = true
  code    = file("${path.module}/functions/overflow-response.js")
}

# The functions each mode associates with the default cache behavior.
locals {
  planb_functions = [
    { mode = "landing", event_type = "viewer-request", arn = aws_cloudfront_function.planb_landing.arn },
    { mode = "overflow", event_type = "viewer-request", arn = aws_cloudfront_function.planb_overflow.arn },
    { mode = "overflow", event_type = "viewer-response", arn = aws_cloudfront_function.planb_overflow_response.arn },
  ]
}

resource "aws_cloudfront_distribution" "planb_example" {
  enabled = true
  comment = "planb example: the application, with planb's pages from S3"

  origin {
    origin_id   = "app"
    domain_name = var.app_domain_name
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
      # edge.timeout (30 s), within CloudFront's 1-60 s: then CloudFront answers 504.
      origin_read_timeout = 30
    }
  }

  origin {
    origin_id                = "planb-pages"
    domain_name              = var.pages_bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.planb_pages.id
  }

  default_cache_behavior {
    target_origin_id         = "app"
    viewer_protocol_policy   = "redirect-to-https"
    allowed_methods          = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods           = ["GET", "HEAD"]
    cache_policy_id          = data.aws_cloudfront_cache_policy.caching_disabled.id
    origin_request_policy_id = data.aws_cloudfront_origin_request_policy.all_viewer_except_host.id

    dynamic "function_association" {
      for_each = [for f in local.planb_functions : f if f.mode == var.planb_mode]
      content {
        event_type   = function_association.value.event_type
        function_arn = function_association.value.arn
      }
    }
  }

  # planb's pages, from S3, each with its headers: the pages whose headers differ from the
  # rest first (CloudFront takes the first behavior that matches), then the whole prefix.
  ordered_cache_behavior {
    path_pattern               = "/_planb/errors/429.html"
    target_origin_id           = "planb-pages"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = aws_cloudfront_cache_policy.planb_pages.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.planb_2.id
  }

  ordered_cache_behavior {
    path_pattern               = "/_planb/errors/503.html"
    target_origin_id           = "planb-pages"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = aws_cloudfront_cache_policy.planb_pages.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.planb_2.id
  }

  ordered_cache_behavior {
    path_pattern               = "/_planb/landing.html"
    target_origin_id           = "planb-pages"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = aws_cloudfront_cache_policy.planb_pages.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.planb_3.id
  }

  ordered_cache_behavior {
    path_pattern               = "/_planb/overflow.html"
    target_origin_id           = "planb-pages"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = aws_cloudfront_cache_policy.planb_pages.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.planb_4.id
  }

  ordered_cache_behavior {
    path_pattern               = "/_planb/promo.html"
    target_origin_id           = "planb-pages"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = aws_cloudfront_cache_policy.planb_pages.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.planb_5.id
  }

  ordered_cache_behavior {
    path_pattern               = "/_planb/*"
    target_origin_id           = "planb-pages"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = aws_cloudfront_cache_policy.planb_pages.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.planb_1.id
  }

  # Errors of the application, and CloudFront's own (502 origin unreachable, 504 timeout),
  # answered with planb's page for that status, keeping the status.
  custom_error_response {
    error_code            = 404
    response_code         = 404
    response_page_path    = "/_planb/errors/404.html"
    error_caching_min_ttl = 10
  }

  custom_error_response {
    error_code            = 500
    response_code         = 500
    response_page_path    = "/_planb/errors/500.html"
    error_caching_min_ttl = 10
  }

  custom_error_response {
    error_code            = 503
    response_code         = 503
    response_page_path    = "/_planb/errors/503.html"
    error_caching_min_ttl = 10
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
