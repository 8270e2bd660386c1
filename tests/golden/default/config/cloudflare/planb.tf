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
        "content" = file("${path.module}/../../public/_planb/errors/400.html")
        "content_type" = "text/html"
        "status_code" = 400
      }
      "description" = "planb: /_planb/errors/400.html answers 400"
      "enabled" = true
      "expression" = "http.response.code eq 400"
      "ref" = "planb_error_400"
    },
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/401.html")
        "content_type" = "text/html"
        "status_code" = 401
      }
      "description" = "planb: /_planb/errors/401.html answers 401"
      "enabled" = true
      "expression" = "http.response.code eq 401"
      "ref" = "planb_error_401"
    },
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/403.html")
        "content_type" = "text/html"
        "status_code" = 403
      }
      "description" = "planb: /_planb/errors/403.html answers 403"
      "enabled" = true
      "expression" = "http.response.code eq 403"
      "ref" = "planb_error_403"
    },
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
        "content" = file("${path.module}/../../public/_planb/errors/405.html")
        "content_type" = "text/html"
        "status_code" = 405
      }
      "description" = "planb: /_planb/errors/405.html answers 405"
      "enabled" = true
      "expression" = "http.response.code eq 405"
      "ref" = "planb_error_405"
    },
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/408.html")
        "content_type" = "text/html"
        "status_code" = 408
      }
      "description" = "planb: /_planb/errors/408.html answers 408"
      "enabled" = true
      "expression" = "http.response.code eq 408"
      "ref" = "planb_error_408"
    },
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/410.html")
        "content_type" = "text/html"
        "status_code" = 410
      }
      "description" = "planb: /_planb/errors/410.html answers 410"
      "enabled" = true
      "expression" = "http.response.code eq 410"
      "ref" = "planb_error_410"
    },
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/413.html")
        "content_type" = "text/html"
        "status_code" = 413
      }
      "description" = "planb: /_planb/errors/413.html answers 413"
      "enabled" = true
      "expression" = "http.response.code eq 413"
      "ref" = "planb_error_413"
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
        "content" = file("${path.module}/../../public/_planb/errors/501.html")
        "content_type" = "text/html"
        "status_code" = 501
      }
      "description" = "planb: /_planb/errors/501.html answers 501"
      "enabled" = true
      "expression" = "http.response.code eq 501"
      "ref" = "planb_error_501"
    },
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/502.html")
        "content_type" = "text/html"
        "status_code" = 502
      }
      "description" = "planb: /_planb/errors/502.html answers 502"
      "enabled" = true
      "expression" = "http.response.code in {502 520 521 522 523 525 526}"
      "ref" = "planb_error_502"
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
    {
      "action" = "serve_error"
      "action_parameters" = {
        "content" = file("${path.module}/../../public/_planb/errors/504.html")
        "content_type" = "text/html"
        "status_code" = 504
      }
      "description" = "planb: /_planb/errors/504.html answers 504"
      "enabled" = true
      "expression" = "http.response.code in {504 524}"
      "ref" = "planb_error_504"
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
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
      "description" = "planb: the headers of /_planb/errors/400.html"
      "enabled" = true
      "expression" = "http.response.code eq 400"
      "ref" = "planb_headers_400"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
      "description" = "planb: the headers of /_planb/errors/401.html"
      "enabled" = true
      "expression" = "http.response.code eq 401"
      "ref" = "planb_headers_401"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
      "description" = "planb: the headers of /_planb/errors/403.html"
      "enabled" = true
      "expression" = "http.response.code eq 403"
      "ref" = "planb_headers_403"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
            "value" = "public, max-age=10"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
      "description" = "planb: the headers of /_planb/errors/405.html"
      "enabled" = true
      "expression" = "http.response.code eq 405"
      "ref" = "planb_headers_405"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
      "description" = "planb: the headers of /_planb/errors/408.html"
      "enabled" = true
      "expression" = "http.response.code eq 408"
      "ref" = "planb_headers_408"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
      "description" = "planb: the headers of /_planb/errors/410.html"
      "enabled" = true
      "expression" = "http.response.code eq 410"
      "ref" = "planb_headers_410"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
      "description" = "planb: the headers of /_planb/errors/413.html"
      "enabled" = true
      "expression" = "http.response.code eq 413"
      "ref" = "planb_headers_413"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "no-store"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
          }
          "Referrer-Policy" = {
            "operation" = "set"
            "value" = "strict-origin-when-cross-origin"
          }
          "Retry-After" = {
            "operation" = "set"
            "value" = "120"
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
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
      "description" = "planb: the headers of /_planb/errors/501.html"
      "enabled" = true
      "expression" = "http.response.code eq 501"
      "ref" = "planb_headers_501"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
      "description" = "planb: the headers of /_planb/errors/502.html"
      "enabled" = true
      "expression" = "http.response.code in {502 520 521 522 523 525 526}"
      "ref" = "planb_headers_502"
    },
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
          }
          "Referrer-Policy" = {
            "operation" = "set"
            "value" = "strict-origin-when-cross-origin"
          }
          "Retry-After" = {
            "operation" = "set"
            "value" = "120"
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
    {
      "action" = "rewrite"
      "action_parameters" = {
        "headers" = {
          "Cache-Control" = {
            "operation" = "set"
            "value" = "public, max-age=10"
          }
          "Content-Language" = {
            "operation" = "set"
            "value" = "fr"
          }
          "Content-Security-Policy" = {
            "operation" = "set"
            "value" = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'"
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
      "description" = "planb: the headers of /_planb/errors/504.html"
      "enabled" = true
      "expression" = "http.response.code in {504 524}"
      "ref" = "planb_headers_504"
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
  pattern = "www.cagette.example/*"
  script  = cloudflare_workers_script.planb_overflow.script_name
}
