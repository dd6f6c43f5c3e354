using System.CommandLine;
using CodingRules.Cli.Service;
using CodingRules.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules serve [--rules DIR] [--urls URLS] [--corpora DIR] [--decision-log FILE ...]</c>: the engine over
/// HTTP (ASP.NET Core, Kestrel), with the rules reloaded when their folder changes, time and concurrency limits, and a
/// decision log. Prints <c>codingrules: listening on URL</c> on standard error for each
/// address once it listens; stops gracefully on Ctrl+C or SIGTERM (requests in flight finish, for up to 30 s).
/// Exit 2 when the rules do not load at start or an address cannot be bound.
/// </summary>
internal static class ServeCommand
{
    /// <summary>How long a shutdown waits for the requests in flight.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    public static Command Create(CliConsole console, string defaultRules)
    {
        var rules = Options.Rules(defaultRules);
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (default ASPNETCORE_URLS, else http://127.0.0.1:8080; port 0 picks a free port)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } fromEnvironment ? fromEnvironment : "http://127.0.0.1:8080",
        };
        var corpora = new Option<string?>("--corpora")
        {
            Description = "A folder of encounter corpora (.ndjson) that /v1/diff may replay by name and the auditors' page offers",
        };
        var decisionLog = new Option<string?>("--decision-log") { Description = "Append one NDJSON line per encounter evaluated to this file (docs/operations.md)" };
        var drop = new Option<string[]>("--decision-log-drop") { Description = "A JSON Pointer into a decision line to leave out, e.g. /input/patient (repeatable; * for every member)", Arity = ArgumentArity.ZeroOrMore };
        var hash = new Option<string[]>("--decision-log-hash") { Description = $"A JSON Pointer into a decision line to replace by its HMAC-SHA256 under the key in {DecisionLog.KeyVariable} (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var requestTimeout = new Option<double>("--request-timeout") { Description = "Seconds a request may take (default 30); a batch or a replay has --batch-timeout", DefaultValueFactory = _ => 30 };
        var batchTimeout = new Option<double>("--batch-timeout") { Description = "Seconds an NDJSON batch, an encounter or a diff with its replay may take (default 600)", DefaultValueFactory = _ => 600 };
        var maxConcurrent = new Option<int>("--max-concurrent") { Description = "Evaluations, replays and validations run at once (default twice the processors, at least 4)", DefaultValueFactory = _ => Math.Max(4, 2 * Environment.ProcessorCount) };
        var poll = new Option<double>("--poll") { Description = "Also look for changes to the rules every SECONDS, for folders whose changes raise no file event (a network share, a folder swapped through a link); 0, the default, relies on file events alone", DefaultValueFactory = _ => 0 };
        var maxQueued = new Option<int>("--max-queued") { Description = "Such requests waiting for a turn before more are refused with 503 (default 100)", DefaultValueFactory = _ => 100 };
        var command = new Command("serve", "Serve the engine over HTTP: evaluate, versions, resolve, diff with impact replay, validate, status, health, metrics, a decision log and the auditors' page, with hot reload of the rules.")
        {
            rules, urls, corpora, poll, decisionLog, drop, hash, requestTimeout, batchTimeout, maxConcurrent, maxQueued,
        };
        command.SetAction(parse => Run(console, new Settings(
            parse.GetValue(rules)!,
            parse.GetValue(urls)!,
            parse.GetValue(corpora),
            parse.GetValue(decisionLog),
            parse.GetValue(drop) ?? [],
            parse.GetValue(hash) ?? [],
            TimeSpan.FromSeconds(parse.GetValue(requestTimeout)),
            TimeSpan.FromSeconds(parse.GetValue(batchTimeout)),
            parse.GetValue(maxConcurrent),
            parse.GetValue(maxQueued),
            TimeSpan.FromSeconds(parse.GetValue(poll)))));
        return command;
    }

    /// <summary>What <c>serve</c> was asked to do.</summary>
    private sealed record Settings(
        string Rules,
        string Urls,
        string? Corpora,
        string? DecisionLog,
        string[] Drop,
        string[] Hash,
        TimeSpan RequestTimeout,
        TimeSpan BatchTimeout,
        int MaxConcurrent,
        int MaxQueued,
        TimeSpan Poll);

    private static int Run(CliConsole console, Settings settings)
    {
        foreach (var folder in (string?[])[settings.Rules, settings.Corpora])
        {
            if (folder is not null && !Directory.Exists(folder))
            {
                console.Error.WriteLine($"codingrules: no folder '{folder}'");
                return ExitCodes.Usage;
            }
        }

        if (settings.RequestTimeout <= TimeSpan.Zero || settings.BatchTimeout <= TimeSpan.Zero || settings.MaxConcurrent < 1 || settings.MaxQueued < 0
            || settings.Poll < TimeSpan.Zero || (settings.Poll > TimeSpan.Zero && settings.Poll < TimeSpan.FromSeconds(0.1)))
        {
            console.Error.WriteLine("codingrules: the timeouts are positive seconds, --poll 0 or at least 0.1 seconds, --max-concurrent at least 1 and --max-queued at least 0");
            return ExitCodes.Usage;
        }

        DecisionLog? decisions = null;
        if (settings.DecisionLog is { } log)
        {
            decisions = DecisionLog.Open(log, settings.Drop, settings.Hash, Environment.GetEnvironmentVariable(DecisionLog.KeyVariable), out var error);
            if (decisions is null)
            {
                console.Error.WriteLine($"codingrules: {error}");
                return ExitCodes.Usage;
            }
        }
        else if (settings.Drop.Length + settings.Hash.Length > 0)
        {
            console.Error.WriteLine("codingrules: --decision-log-drop and --decision-log-hash need --decision-log FILE");
            return ExitCodes.Usage;
        }

        try
        {
            return Serve(console, settings, decisions);
        }
        finally
        {
            // Note: after the server has stopped (requests in flight finished), so every decision made is written.
            decisions?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int Serve(CliConsole console, Settings settings, DecisionLog? decisions)
    {
        using var holder = new CatalogHolder(settings.Rules);
        if (!holder.Load())
        {
            DiagnosticFormatter.WriteText(console.Error, holder.LastFailure!.Diagnostics);
            console.Error.WriteLine($"codingrules: the rules in '{settings.Rules}' have errors; run 'codingrules validate {settings.Rules}'.");
            return ExitCodes.Usage;
        }

        holder.Watch();
        if (settings.Poll > TimeSpan.Zero)
        {
            holder.Poll(settings.Poll);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = ServiceEndpoints.MaxBatchBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddProblemDetails();
        // Time limits: each request has one; the request's token is cancelled when it is up (a batch stops at its next
        // read of the body), and a response not yet begun is a 504.
        builder.Services.AddRequestTimeouts(o =>
        {
            o.DefaultPolicy = new RequestTimeoutPolicy { Timeout = settings.RequestTimeout, TimeoutStatusCode = StatusCodes.Status504GatewayTimeout };
            o.AddPolicy(ServiceEndpoints.BatchTimeout, new RequestTimeoutPolicy { Timeout = settings.BatchTimeout, TimeoutStatusCode = StatusCodes.Status504GatewayTimeout });
        });
        // Concurrency: the work endpoints run at most so many at once, a bounded queue waits, the rest get 503.
        builder.Services.AddRateLimiter(o =>
        {
            o.AddConcurrencyLimiter(ServiceEndpoints.Work, c =>
            {
                c.PermitLimit = settings.MaxConcurrent;
                c.QueueLimit = settings.MaxQueued;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            o.OnRejected = (rejected, cancel) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.Headers.RetryAfter = "1";
                return new ValueTask(response.WriteAsJsonAsync(
                    new { type = "about:blank", title = "Too many requests at once", status = 503, detail = $"at most {settings.MaxConcurrent} run and {settings.MaxQueued} wait; try again" },
                    (System.Text.Json.JsonSerializerOptions?)null,
                    "application/problem+json",
                    cancel));
            };
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = false;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        decisions?.UseLogger(loggers.CreateLogger("CodingRules.DecisionLog"));
        holder.UseLogger(loggers.CreateLogger("CodingRules.Catalog"));
        // Note: the server's own files failing (a temporary folder that cannot be written) is a 503, not a 500: the
        // request may be tried again, and the operator sees it in the log.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = e => e is IOException or UnauthorizedAccessException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRequestTimeouts();
        app.UseRateLimiter();
        app.UseHttpMetrics(); // requests and latency histograms by endpoint, method and status (prometheus-net)
        ServiceEndpoints.Map(app, holder, new ServiceMetrics(holder), settings.Corpora is null ? null : new CorpusFolder(settings.Corpora), decisions);
        try
        {
            app.Start();
        }
        catch (IOException e)
        {
            console.Error.WriteLine($"codingrules: cannot listen on {settings.Urls}: {e.Message}");
            return ExitCodes.Usage;
        }

        foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            console.Error.WriteLine($"codingrules: listening on {address} (rules {holder.Rules}, revision {holder.Current!.Revision})");
        }

        console.Error.Flush();
        app.WaitForShutdown();
        return ExitCodes.Ok;
    }
}
