using System.Collections.Concurrent;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>test --watch</c>: runs the tests, then again whenever a file under the loaded folders changes (changes within
/// <see cref="Quiet"/> of each other are one), until Ctrl+C or the end of standard input (so a tool that started it
/// stops it by closing its input). A rule file that does not load prints its diagnostics and the watch goes on.
/// </summary>
internal static class TestWatcher
{
    /// <summary>How long the files must stay unchanged before the tests run again (an editor's save is often several writes).</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    /// <summary>Watches <paramref name="paths"/> (folders, or the folders of files) and runs the tests; returns the exit code of the last run.</summary>
    public static int Watch(CliConsole console, TestCommand.Settings settings, IReadOnlyList<string> paths)
    {
        using var stop = new CancellationTokenSource();
        using var changes = new BlockingCollection<string>();
        var watchers = new List<FileSystemWatcher>();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // end the watch, not the process: the last exit code is returned
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var exit = ExitCodes.Ok;
        try
        {
            // Note: the watchers start before the first run, so a file saved while it runs is not missed.
            foreach (var path in paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(path);
                if (folder is null || !Directory.Exists(folder))
                {
                    continue;
                }

                var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = Directory.Exists(path), NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
                if (!Directory.Exists(path))
                {
                    watcher.Filter = Path.GetFileName(path);
                }

                watcher.Changed += (_, e) => Changed(changes, e.FullPath);
                watcher.Created += (_, e) => Changed(changes, e.FullPath);
                watcher.Deleted += (_, e) => Changed(changes, e.FullPath);
                watcher.Renamed += (_, e) => Changed(changes, e.FullPath);
                watcher.Error += (_, _) => Changed(changes, folder); // events were lost: run again to be safe
                watcher.EnableRaisingEvents = true;
                watchers.Add(watcher);
            }

            var input = new Thread(() => WaitForEndOfInput(console.Input, stop)) { IsBackground = true, Name = "watch: standard input" };
            input.Start();
            exit = RunGuarded(console, settings);
            console.Error.WriteLine($"codingrules: watching {string.Join(", ", paths)} for changes (Ctrl+C or end of input stops)");
            while (!stop.IsCancellationRequested)
            {
                var changed = changes.Take(stop.Token);
                while (changes.TryTake(out var later, (int)Quiet.TotalMilliseconds, stop.Token))
                {
                    // Note: more changes within the quiet time are the same save (an editor writes a temporary file and
                    // renames it); the run waits for the last of them and names it.
                    changed = later;
                }

                console.Out.WriteLine();
                console.Out.WriteLine($"--- {Path.GetRelativePath(Directory.GetCurrentDirectory(), changed)} changed; running the tests again");
                exit = RunGuarded(console, settings);
                console.Out.Flush();
            }

            return exit;
        }
        catch (OperationCanceledException)
        {
            return exit; // Ctrl+C or the end of input: the last run says how the tests stand
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            foreach (var watcher in watchers)
            {
                watcher.Dispose();
            }
        }
    }

    /// <summary>A file the editor or the OS writes beside the rules (a swap file, a backup) is not a change of them.</summary>
    private static void Changed(BlockingCollection<string> changes, string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') || name.EndsWith('~') || name is "4913" || Path.GetExtension(name) is ".swp" or ".swx" or ".tmp")
        {
            return;
        }

        changes.TryAdd(path);
    }

    /// <summary>One run; a file that cannot be read while it is being written is said, and the watch goes on.</summary>
    private static int RunGuarded(CliConsole console, TestCommand.Settings settings)
    {
        try
        {
            var exit = TestCommand.RunOnce(console, settings);
            if (exit == ExitCodes.Usage)
            {
                console.Error.WriteLine("codingrules: the rules do not load (see above); the tests run again on the next change");
            }

            console.Out.Flush();
            console.Error.Flush();
            return exit;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"codingrules: {e.Message}");
            return ExitCodes.Usage;
        }
    }

    private static void WaitForEndOfInput(Stream input, CancellationTokenSource stop)
    {
        var buffer = new byte[256];
        try
        {
            while (input.Read(buffer, 0, buffer.Length) > 0)
            {
                // Note: what is typed is ignored; only the end of input stops the watch.
            }
        }
        catch (IOException)
        {
            // Note: an input that cannot be read is as good as ended.
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Note: the watch already ended.
        }
    }
}
