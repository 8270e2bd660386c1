//! Terraform (HCL) strings, for the targets that write Terraform (CloudFront, Cloudflare): quoted,
//! with the template sequences `${` and `%{` escaped.

/// A Terraform (HCL) quoted string.
pub fn hcl(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    // `${` and `%{` start template sequences in HCL strings.
    out.replace("${", "$${").replace("%{", "%%{") + "\""
}
