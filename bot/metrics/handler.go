package metrics

import (
	"net/http"
	"net/http/pprof"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// HandlerOptions configure Handler.
type HandlerOptions struct {
	// Path serves the metrics; empty = "/metrics".
	Path string
	// PProf also serves Go's profiler under /debug/pprof/. Keep it off
	// unless you are profiling, and never on a public listener.
	PProf bool
}

// Handler serves the metrics in the Prometheus text format (or OpenMetrics
// when the scraper asks), and /debug/pprof/ when opt.PProf is set. Mount it on
// its own listener (JOINTWORK_METRICS_ADDR), off the public one.
func (m *Metrics) Handler(opt HandlerOptions) http.Handler {
	path := opt.Path
	if path == "" {
		path = "/metrics"
	}
	mux := http.NewServeMux()
	mux.Handle("GET "+path, promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg, EnableOpenMetrics: true}))
	if opt.PProf {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	}
	return mux
}
