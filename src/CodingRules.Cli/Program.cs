using CodingRules.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The codingrules command: a thin layer over the CodingRules library on the .NET Generic Host
// (configuration from appsettings/env CODINGRULES_*, logging to standard error, dependency injection).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [],
    ContentRootPath = AppContext.BaseDirectory,
    EnvironmentName = Environments.Production,
});
builder.Configuration.AddEnvironmentVariablesWithPrefix();
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(new CliConsole(Console.OpenStandardOutput(), Console.Out, Console.Error, Console.OpenStandardInput()));
builder.Services.AddSingleton<CliApplication>();
using var host = builder.Build();
return host.Services.GetRequiredService<CliApplication>().Run(args);
