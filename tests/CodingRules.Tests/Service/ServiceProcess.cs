using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using CodingRules.Tests.Cli;

namespace CodingRules.Tests.Service;

/// <summary>
/// The tool serving <c>rules</c> (with more <c>serve</c> options when given) on a free port of 127.0.0.1, started as a
/// real process; disposing stops it (the process is killed if it lingers).
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private ServiceProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public static Task<ServiceProcess> Start(string rules, params string[] options) => Start(rules, new Dictionary<string, string>(), options);

    /// <summary>As <see cref="Start(string, string[])"/>, with variables added to the process's environment.</summary>
    public static Task<ServiceProcess> Start(string rules, IReadOnlyDictionary<string, string> environment, params string[] options) =>
        Launch(["serve", "--rules", rules, "--urls", "http://127.0.0.1:0", .. options], environment);

    /// <summary>The tool run with <paramref name="arguments"/> as they are (a <c>serve</c> that prints where it listens).</summary>
    public static async Task<ServiceProcess> Launch(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = CliProcess.StartInfo(RepositoryRoot.Path, arguments);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        using var wait = new CancellationTokenSource(Patience);
        while (true)
        {
            var line = await process.StandardError.ReadLineAsync(wait.Token);
            if (line is null)
            {
                await process.WaitForExitAsync(wait.Token);
                throw new InvalidOperationException($"{string.Join(' ', arguments)} exited with {process.ExitCode} before it listened");
            }

            if (line.StartsWith("codingrules: listening on ", StringComparison.Ordinal))
            {
                var address = line["codingrules: listening on ".Length..].Split(' ')[0];
                _ = process.StandardError.ReadToEndAsync();
                var client = new HttpClient { BaseAddress = new Uri(address), Timeout = Patience };
                return new ServiceProcess(process, client);
            }
        }
    }

    /// <summary>A copy of the shipped rules in <paramref name="folder"/> (dated a minute ago, so that they are settled); the folder.</summary>
    public static string CopyRules(string folder)
    {
        var source = Path.Combine(RepositoryRoot.Path, "rules");
        foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
            File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddMinutes(-1));
        }

        return folder;
    }

    /// <summary>The status code of a GET.</summary>
    public async Task<HttpStatusCode> Status(string path)
    {
        using var response = await Client.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>Sends SIGTERM, as a service manager does to stop it.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>The exit code, once the process has ended (within a minute).</summary>
    public async Task<int> Exited()
    {
        using var wait = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    public async Task<JsonElement> Json(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task Problem(string path, HttpStatusCode status)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
    }

    public async Task<JsonElement> Post(string path, string json, HttpStatusCode status)
    {
        using var response = await Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path} {(json.Length > 300 ? json[..300] + "..." : json)}: {response.StatusCode} {text}");
        Assert.Equal(status == HttpStatusCode.OK ? "application/json" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> Validate(string path, string text)
    {
        using var response = await Client.PostAsync($"/v1/validate?path={Uri.EscapeDataString(path)}", new StringContent(text, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Makes a change and waits (bounded) until the status names a revision other than <paramref name="from"/>.</summary>
    public async Task<string> WaitForRevision(string from, Action change)
    {
        change();
        var status = await WaitFor(s => s.GetProperty("revision").GetString() != from);
        return status.GetProperty("revision").GetString()!;
    }

    /// <summary>Polls /v1/status every 50 ms, for at most a minute, until <paramref name="done"/> holds.</summary>
    public async Task<JsonElement> WaitFor(Func<JsonElement, bool> done)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Patience)
        {
            var status = await Json("/v1/status");
            if (done(status))
            {
                return status;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the service's status did not change within a minute");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
