using System.Diagnostics;
using CodingRules.Tests.Golden;

namespace CodingRules.Tests.Cli;

/// <summary>Runs the built <c>codingrules</c> tool (CodingRules.Cli.dll beside the test binaries) as a child process.</summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "CodingRules.Cli.dll");

    /// <summary>The schema-check cache the tool uses in the tests: beside the test binaries, so a clean clone starts without one.</summary>
    public static string TestCache { get; } = Path.Combine(AppContext.BaseDirectory, "codingrules-cache");

    public static CliRun Run(string? standardInput, params string[] args) => RunIn(GoldenPaths.RepositoryRoot, standardInput, args);

    /// <summary>Runs the tool with <c>CODINGRULES_CACHE</c> set to <paramref name="cache"/>.</summary>
    public static CliRun RunWith(string workingDirectory, string cache, params string[] args) => RunIn(workingDirectory, null, args, cache);

    /// <summary>How the tool is started in <paramref name="workingDirectory"/>, every stream redirected (for a test that talks to it).</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("CODINGRULES_RULES"); // the shipped rules beside the tool are the default
        start.Environment["CODINGRULES_CACHE"] = TestCache; // the tests' own, never the user's
        return start;
    }

    /// <summary>Runs the tool with <paramref name="workingDirectory"/> as its working directory.</summary>
    public static CliRun RunIn(string workingDirectory, string? standardInput, params string[] args) => RunIn(workingDirectory, standardInput, args, null);

    private static CliRun RunIn(string workingDirectory, string? standardInput, string[] args, string? cache)
    {
        var start = StartInfo(workingDirectory, args);
        if (cache is not null)
        {
            start.Environment["CODINGRULES_CACHE"] = cache;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"codingrules {string.Join(' ', args)} did not finish in {Timeout}");
        }

        return new CliRun(process.ExitCode, stdout.GetAwaiter().GetResult().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.GetAwaiter().GetResult());
    }
}

/// <summary>What one run of the tool printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
