// The default theme, content and planb.toml are embedded in the binary (include_dir!/include_str!):
// rebuild it whenever they change.
fn main() {
    for path in ["themes/default", "content", "planb.toml"] {
        println!("cargo:rerun-if-changed={path}");
    }
}
