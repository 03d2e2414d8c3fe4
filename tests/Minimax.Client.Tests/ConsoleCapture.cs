namespace Minimax.Client.Tests;

/// <summary>
/// Swaps <see cref="Console.Out"/> and <see cref="Console.Error"/> for string writers until disposed.
/// The console is process-wide, so every test that uses this belongs to <see cref="ConsoleCollection"/>.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _originalOut = Console.Out;
    private readonly TextWriter _originalError = Console.Error;
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _error = new() { NewLine = "\n" };

    public ConsoleCapture()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
    }

    public string StandardOutput => _out.ToString();

    public string StandardError => _error.ToString();

    public string[] ErrorLines => Lines(StandardError);

    public string[] OutputLines => Lines(StandardOutput);

    public void Dispose()
    {
        Console.SetOut(_originalOut);
        Console.SetError(_originalError);
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Tests that redirect the process console: run one at a time, apart from all other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
