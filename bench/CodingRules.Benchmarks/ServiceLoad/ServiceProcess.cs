using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CodingRules.Benchmarks.Processes;

namespace CodingRules.Benchmarks.ServiceLoad;

/// <summary>
/// The real service as a child process: <c>COMMAND serve --rules rules --urls http://127.0.0.1:0</c> in the
/// repository root. <see cref="Start"/> reads the address it prints on standard error and waits until
/// <c>/health/ready</c> answers 200, both within a bound; <see cref="Dispose"/> kills it (with its children) if it is
/// still running, so a failed or interrupted run leaves nothing behind.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private const string Listening = "codingrules: listening on ";
    private const int ErrorTailChars = 4000;

    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _errorTail = new();

    private ServiceProcess(System.Diagnostics.Process process, string command)
    {
        _process = process;
        Command = command;
    }

    /// <summary>The command line it was started with.</summary>
    public string Command { get; }

    /// <summary>The address it listens on, as it printed it (<c>http://127.0.0.1:PORT</c>).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The line it printed once it listened (rules folder and revision).</summary>
    public string ListeningLine { get; private set; } = string.Empty;

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the service and returns once it is ready; throws <see cref="InvalidOperationException"/> (after killing
    /// it) when it exits first, prints no address or is not ready within <paramref name="patience"/>.
    /// </summary>
    public static async Task<ServiceProcess> Start(ChildCommand cli, string workingDirectory, TimeSpan patience)
    {
        string[] arguments = ["serve", "--rules", "rules", "--urls", "http://127.0.0.1:0"];
        var process = new System.Diagnostics.Process { StartInfo = cli.StartInfo(arguments, workingDirectory) };
        var command = $"{cli} {string.Join(' ', arguments)}";
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"{command} did not start: {e.Message}", e);
        }

        var service = new ServiceProcess(process, command);
        try
        {
            process.StandardInput.Close();
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            var deadline = Stopwatch.StartNew();
            await service.ReadAddress(patience - deadline.Elapsed).ConfigureAwait(false);
            _ = service.KeepReadingErrors();
            await service.WaitUntilReady(patience - deadline.Elapsed).ConfigureAwait(false);
            return service;
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    /// <summary>Processor time (user + system, all threads) the service has used so far; null where it cannot be read.</summary>
    public TimeSpan? ProcessorTime()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? null : _process.TotalProcessorTime;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Fails when the service has exited (it must serve the whole run), quoting the end of its standard error.</summary>
    public void CheckRunning()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The service exited with {_process.ExitCode} during the run. {ErrorTail()}");
        }
    }

    /// <summary>Kills the service and its children if it is still running, and waits (bounded) for it to end.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }

        _process.Dispose();
    }

    private async Task ReadAddress(TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var remaining = patience - deadline.Elapsed;
            string? line;
            try
            {
                // Note: WaitAsync bounds the wait even where a pipe read ignores its token; the read left pending
                // ends when Dispose kills the process.
                line = await _process.StandardError.ReadLineAsync().WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{Command} printed no '{Listening}URL' line within {patience.TotalSeconds:0} s. {ErrorTail()}"));
            }

            if (line is null)
            {
                _process.WaitForExit(TimeSpan.FromSeconds(10));
                var exit = _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
                throw new InvalidOperationException($"{Command} exited with {exit} before it listened. {ErrorTail()}");
            }

            Remember(line);
            if (line.StartsWith(Listening, StringComparison.Ordinal))
            {
                ListeningLine = line;
                Address = new Uri(line[Listening.Length..].Split(' ')[0]);
                return;
            }
        }
    }

    private async Task WaitUntilReady(TimeSpan patience)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string last = "no answer";
        while (deadline.Elapsed < patience)
        {
            CheckRunning();
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{Address}health/ready did not answer 200 within {patience.TotalSeconds:0} s (last: {last}). {ErrorTail()}"));
    }

    private async Task KeepReadingErrors()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                Remember(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process was killed and disposed: nothing more to read.
        }
    }

    private void Remember(string line)
    {
        lock (_errorTail)
        {
            _errorTail.AppendLine(line);
            if (_errorTail.Length > 2 * ErrorTailChars)
            {
                _errorTail.Remove(0, _errorTail.Length - ErrorTailChars);
            }
        }
    }

    private string ErrorTail()
    {
        lock (_errorTail)
        {
            var tail = _errorTail.Length > ErrorTailChars ? _errorTail.ToString(_errorTail.Length - ErrorTailChars, ErrorTailChars) : _errorTail.ToString();
            return tail.Length == 0 ? "It wrote nothing to standard error." : $"Its standard error ends:{Environment.NewLine}{tail}";
        }
    }
}
