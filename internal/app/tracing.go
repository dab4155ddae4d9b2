package app

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"

	"github.com/redis/go-redis/extra/redisotel/v9"
	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/jointwork/jointwork/bot"
)

// tracingOn reports whether the standard OTLP variables ask for traces.
func tracingOn() bool {
	return os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || os.Getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
}

// initTracing sets up a.tracer: Options.TracerProvider when given (tests),
// an OTLP/HTTP exporter when OTEL_EXPORTER_OTLP_ENDPOINT is set (the
// exporter reads the other OTEL_* variables itself), else none at all, so
// untraced deployments pay nothing.
func (a *App) initTracing(ctx context.Context, tp trace.TracerProvider) error {
	if tp != nil {
		a.traceProvider, a.tracer = tp, tp.Tracer("jointwork")
		return nil
	}
	if !tracingOn() {
		return nil
	}
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return fmt.Errorf("tracing: %w", err)
	}
	res := resource.NewWithAttributes(semconv.SchemaURL, semconv.ServiceName("jointwork"),
		semconv.ServiceVersion(Version))
	sdk := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	a.traceProvider, a.tracer = sdk, sdk.Tracer("jointwork")
	a.closers = append(a.closers, func() { _ = sdk.Shutdown(context.WithoutCancel(ctx)) })
	return nil
}

// instrumentRedis adds spans to every Redis command, without the command's
// arguments (they hold case data).
func (a *App) instrumentRedis(rdb redis.UniversalClient) {
	if a.tracer == nil {
		return
	}
	if err := redisotel.InstrumentTracing(rdb, redisotel.WithTracerProvider(a.traceProvider),
		redisotel.WithDBStatement(false), redisotel.WithCallerEnabled(false)); err != nil {
		a.Log.Warn("tracing: redis not instrumented", "err", err)
	}
}

// traceCommand is the kernel middleware that opens a span per command.
func (a *App) traceCommand(next bot.Handler) bot.Handler {
	if a.tracer == nil {
		return next
	}
	return func(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
		ctx, span := a.tracer.Start(ctx, "command "+commandLabel(r.Command.Name),
			trace.WithAttributes(attribute.String("jointwork.platform", r.Event.Platform)))
		defer span.End()
		msgs, err := next(ctx, r)
		if o := commandOutcome(err); o != "ok" {
			span.SetStatus(codes.Error, string(o))
		}
		return msgs, err
	}
}

// traceTransport opens a client span per platform API call. It records the
// method, host and status only: paths and queries (Slack's response_url)
// can carry secrets, so the library's full-URL attributes are not used.
func (a *App) traceTransport(rt http.RoundTripper) http.RoundTripper {
	if a.tracer == nil {
		return rt
	}
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		ctx, span := a.tracer.Start(r.Context(), "HTTP "+r.Method+" "+r.URL.Host, trace.WithSpanKind(trace.SpanKindClient),
			trace.WithAttributes(attribute.String("http.request.method", r.Method), attribute.String("server.address", r.URL.Host)))
		defer span.End()
		resp, err := rt.RoundTrip(r.WithContext(ctx))
		if err != nil {
			span.SetStatus(codes.Error, "no answer")
			return resp, err
		}
		span.SetAttributes(attribute.String("http.response.status_code", strconv.Itoa(resp.StatusCode)))
		if resp.StatusCode >= 400 {
			span.SetStatus(codes.Error, resp.Status)
		}
		return resp, err
	})
}

// traceRequest opens a server span per inbound HTTP request.
func (a *App) traceRequest(h http.Handler) http.Handler {
	if a.tracer == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, span := a.tracer.Start(r.Context(), "HTTP "+r.Method+" "+r.URL.Path, trace.WithSpanKind(trace.SpanKindServer))
		defer span.End()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
