namespace CodingRules.Cli;

/// <summary>The streams a command reads and writes; injected so tests can run commands in process.</summary>
internal sealed class CliConsole(Stream outputStream, TextWriter output, TextWriter error, Stream input)
{
    public Stream OutputStream { get; } = outputStream;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public Stream Input { get; } = input;
}
