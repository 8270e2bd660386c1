# planb: Cloudflare in front of the origin (generated; on paper: checked against the
# provider's schema, not applied by planb's tests). Switch mode with one variable:
#   terraform apply -var zone_id=... -var planb_mode=landing    (or overflow, or normal)
# Each cloudflare_ruleset owns its phase's entry point: a zone with rules of its own in a
# phase must import that ruleset first, and keep its rules in this file.

terraform {
  required_providers {
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "~> 5.14"
    }
  }
}

variable "planb_mode" {
  description = "What the edge does: normal, landing (/ answers 302 to the landing page) or overflow (every request answers the overflow page with 503)."
  type        = string
  default     = "normal"
  validation {
    condition     = contains(["normal", "landing", "overflow"], var.planb_mode)
    error_message = "planb_mode is normal, landing or overflow."
  }
}

variable "zone_id" {
  description = "The zone in front of the origin."
  type        = string
}

variable "account_id" {
  description = "The account the overflow Worker belongs to."
  type        = string
}

resource "cloudflare_ruleset" "planb_http_custom_errors" {
  zone_id     = var.zone_id
  name        = "planb"
  description = "planb: the error pages, for the origin's and Cloudflare's errors"
  kind        = "zone"
  phase       = "http_custom_errors"
  rules = [
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/404.html")
        "content_type" = "text/html"
        "status_code" = 404
      }
      "description" = "planb: /_planb/errors/404.html answers 404"
      "enabled" = true
      "expression" = "http.response.code eq 404"
      "ref" = "planb_error_404"
    },
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/429.html")
        "content_type" = "text/html"
        "status_code" = 429
      }
      "description" = "planb: /_planb/errors/429.html answers 429"
      "enabled" = true
      "expression" = "http.response.code eq 429"
      "ref" = "planb_error_429"
    },
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/500.html")
        "content_type" = "text/html"
        "status_code" = 500
      }
      "description" = "planb: /_planb/errors/500.html answers 500"
      "enabled" = true
      "expression" = "http.response.code eq 500"
      "ref" = "planb_error_500"
    },
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/503.html")
        "content_type" = "text/html"
        "status_code" = 503
      }
      "description" = "planb: /_planb/errors/503.html answers 503"
      "enabled" = var.planb_mode != "overflow"
      "expression" = "http.response.code eq 503"
      "ref" = "planb_error_503"
    },
  ]
}

resource "cloudflare_ruleset" "planb_http_response_headers_transform" {
  zone_id     = var.zone_id
  name        = "planb"
  description = "planb: each error page's headers"
  kind        = "zone"
  phase       = "http_response_headers_transform"
  rules = [
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
          }
          "Referrer-Policy" = {
            "operation" = "set"
            "value" = "strict-origin-when-cross-origin"
          }
          "X-Content-Type-Options" = {
            "operation" = "set"
            "value" = "nosniff"
          }
        }
      }
      "description" = "planb: the headers of /_planb/errors/404.html"
      "enabled" = true
      "expression" = "http.response.code eq 404"
      "ref" = "planb_headers_404"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "no-store"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
          }
          "Referrer-Policy" = {
            "operation" = "set"
            "value" = "strict-origin-when-cross-origin"
          }
          "Retry-After" = {
            "operation" = "set"
            "value" = "30"
          }
          "X-Content-Type-Options" = {
            "operation" = "set"
            "value" = "nosniff"
          }
        }
      }
      "description" = "planb: the headers of /_planb/errors/429.html"
      "enabled" = true
      "expression" = "http.response.code eq 429"
      "ref" = "planb_headers_429"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
          }
          "Referrer-Policy" = {
            "operation" = "set"
            "value" = "strict-origin-when-cross-origin"
          }
          "X-Content-Type-Options" = {
            "operation" = "set"
            "value" = "nosniff"
          }
        }
      }
      "description" = "planb: the headers of /_planb/errors/500.html"
      "enabled" = true
      "expression" = "http.response.code eq 500"
      "ref" = "planb_headers_500"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
          }
          "Referrer-Policy" = {
            "operation" = "set"
            "value" = "strict-origin-when-cross-origin"
          }
          "Retry-After" = {
            "operation" = "set"
            "value" = "30"
          }
          "X-Content-Type-Options" = {
            "operation" = "set"
            "value" = "nosniff"
          }
        }
      }
      "description" = "planb: the headers of /_planb/errors/503.html"
      "enabled" = var.planb_mode != "overflow"
      "expression" = "http.response.code eq 503"
      "ref" = "planb_headers_503"
    },
  ]
}

resource "cloudflare_ruleset" "planb_http_request_cache_settings" {
  zone_id     = var.zone_id
  name        = "planb"
  description = "planb: the pages and the public routes, cached"
  kind        = "zone"
  phase       = "http_request_cache_settings"
  rules = [
    {
      "action" = "set_cache_settings"
      "action_parameters" = {
        "browser_ttl" = {
          "mode" = "respect_origin"
        }
        "cache" = true
        "edge_ttl" = {
          "mode" = "respect_origin"
        }
        "serve_stale" = {
          "disable_stale_while_updating" = false
        }
      }
      "description" = "planb: the pages under /_planb/, cached as they say"
      "enabled" = true
      "expression" = "starts_with(http.request.uri.path, \"/_planb/\")"
      "ref" = "planb_pages"
    },
  ]
}

resource "cloudflare_ruleset" "planb_http_request_dynamic_redirect" {
  zone_id     = var.zone_id
  name        = "planb"
  description = "planb: landing mode, the home redirected to the landing page"
  kind        = "zone"
  phase       = "http_request_dynamic_redirect"
  rules = [
    {
      "action" = "redirect"
      "action_parameters" = {
        "from_value" = {
          "preserve_query_string" = false
          "status_code" = 302
          "target_url" = {
            "expression" = "concat(\"https://\", http.host, \"/_planb/landing.html\")"
          }
        }
      }
      "description" = "planb landing mode: / answers 302 to /_planb/landing.html"
      "enabled" = var.planb_mode == "landing"
      "expression" = "http.request.uri.path eq \"/\""
      "ref" = "planb_landing"
    },
  ]
}

resource "cloudflare_workers_script" "planb_overflow" {
  account_id         = var.account_id
  script_name        = "planb-overflow"
  content            = file("${path.module}/worker/overflow.js")
  main_module        = "overflow.js"
  compatibility_date = "2025-09-01"
}

# Overflow mode: every request of the host goes to the Worker, none to the origin.
resource "cloudflare_workers_route" "planb_overflow" {
  count   = var.planb_mode == "overflow" ? 1 : 0
  zone_id = var.zone_id
  pattern = "www.riche.example/*"
  script  = cloudflare_workers_script.planb_overflow.script_name
}
