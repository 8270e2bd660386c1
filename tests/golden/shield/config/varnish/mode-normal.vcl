# planb mode for Varnish: normal, landing or overflow. To switch, copy mode-<mode>.vcl over
# planb-mode.vcl and reload the VCL (see README.md).
sub planb_mode {
    set req.http.X-Planb-Mode = "normal";
}
