package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/console"
)

func testApp(t *testing.T, opt Options) *App {
	t.Helper()
	cfg := testConfig()
	opt.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := New(context.Background(), cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	return a
}

// TestCommandSpanTree: with a tracer provider, a command is one span and
// every Redis command it runs is a child of it; a platform call made under
// it is a child too.
func TestCommandSpanTree(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	a := testApp(t, Options{TracerProvider: sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))})
	ws := console.NewWorkspace(io.Discard, a.Directory)
	ev := &bot.Event{Platform: "console", UserID: "alex", Command: true, Text: "case open c101 subject=person Hospital discharge",
		Place: bot.Place{Kind: bot.Channel, Channel: "#c101"}, At: time.Now()}
	a.Bot.Process(context.Background(), ws, ev)
	spans := exp.GetSpans()
	var root *tracetest.SpanStub
	for i := range spans {
		if spans[i].Name == "command case_open" {
			root = &spans[i]
		}
	}
	if root == nil {
		t.Fatalf("no command span among %d spans", len(spans))
	}
	children := 0
	for _, s := range spans {
		if s.Parent.SpanID() == root.SpanContext.SpanID() {
			children++
			for _, kv := range s.Attributes {
				if kv.Key == "db.statement" {
					t.Errorf("redis span %s records its statement (case data)", s.Name)
				}
			}
		}
	}
	if children == 0 {
		t.Errorf("the command span has no Redis children")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(429) }))
	defer srv.Close()
	ctx, span := a.tracer.Start(context.Background(), "command x")
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/secret/path", nil)
	resp, err := (&http.Client{Transport: a.platformTransport("slack")(nil)}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	span.End()
	last := exp.GetSpans()[len(exp.GetSpans())-2]
	if last.Parent.SpanID() != span.SpanContext().SpanID() || last.Name != "HTTP POST "+req.URL.Host {
		t.Errorf("platform call span %q is not a child of the command", last.Name)
	}
}

// TestNoTracingByDefault: without OTEL_EXPORTER_OTLP_ENDPOINT there is no
// tracer, and the wrappers return what they were given.
func TestNoTracingByDefault(t *testing.T) {
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "")
	t.Setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "")
	a := testApp(t, Options{})
	if a.tracer != nil {
		t.Fatal("tracing is on without an OTLP endpoint")
	}
	h := http.NotFoundHandler()
	if got := a.traceRequest(h); got == nil {
		t.Fatal("nil handler")
	}
	rt := http.DefaultTransport
	if a.traceTransport(rt) != rt {
		t.Error("the transport is wrapped although tracing is off")
	}
}

// TestTracingFromEnvironment: OTEL_EXPORTER_OTLP_ENDPOINT alone turns the
// OTLP exporter and the tracer on (nothing is sent until spans exist).
func TestTracingFromEnvironment(t *testing.T) {
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1")
	a := testApp(t, Options{})
	if a.tracer == nil || a.traceProvider == nil {
		t.Fatal("no tracer although OTEL_EXPORTER_OTLP_ENDPOINT is set")
	}
	if a.traceTransport(http.DefaultTransport) == http.DefaultTransport {
		t.Error("platform calls are not traced")
	}
}
