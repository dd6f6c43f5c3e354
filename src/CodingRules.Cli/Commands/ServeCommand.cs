using System.CommandLine;
using CodingRules.Cli.Service;
using CodingRules.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules serve [--rules DIR] [--urls URLS]</c>: the engine over HTTP (ASP.NET Core, Kestrel), with the
/// rules reloaded when their folder changes. Prints <c>codingrules: listening on URL</c> on standard error for each
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
            Description = "Addresses to listen on, separated by ';' (default http://127.0.0.1:8080; port 0 picks a free port)",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var corpora = new Option<string?>("--corpora")
        {
            Description = "A folder of encounter corpora (.ndjson) that /v1/diff may replay by name and the auditors' page offers",
        };
        var command = new Command("serve", "Serve the engine over HTTP: evaluate, versions, resolve, diff with impact replay, validate, status, health and the auditors' page, with hot reload of the rules.") { rules, urls, corpora };
        command.SetAction(parse => Run(console, parse.GetValue(rules)!, parse.GetValue(urls)!, parse.GetValue(corpora)));
        return command;
    }

    private static int Run(CliConsole console, string rules, string urls, string? corpora)
    {
        foreach (var folder in (string?[])[rules, corpora])
        {
            if (folder is not null && !Directory.Exists(folder))
            {
                console.Error.WriteLine($"codingrules: no folder '{folder}'");
                return ExitCodes.Usage;
            }
        }

        using var holder = new CatalogHolder(rules);
        if (!holder.Load())
        {
            DiagnosticFormatter.WriteText(console.Error, holder.LastFailure!.Diagnostics);
            console.Error.WriteLine($"codingrules: the rules in '{rules}' have errors; run 'codingrules validate {rules}'.");
            return ExitCodes.Usage;
        }

        holder.Watch();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = ServiceEndpoints.MaxBatchBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddProblemDetails();
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseHttpMetrics(); // requests and latency histograms by endpoint, method and status (prometheus-net)
        ServiceEndpoints.Map(app, holder, new ServiceMetrics(holder), corpora is null ? null : new CorpusFolder(corpora));
        try
        {
            app.Start();
        }
        catch (IOException e)
        {
            console.Error.WriteLine($"codingrules: cannot listen on {urls}: {e.Message}");
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
