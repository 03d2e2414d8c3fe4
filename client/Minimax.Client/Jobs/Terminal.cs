using Spectre.Console;

namespace Minimax.Client.Jobs;

/// <summary>Spectre consoles for the tool's output.</summary>
public static class Terminal
{
    private const int RedirectedWidth = 120;

    /// <summary>A Spectre console on <paramref name="stdout"/>: plain text and a fixed width when it is redirected.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter stdout)
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>The colour of a status in headers: green completed, red failed, yellow cancelled, blue otherwise.</summary>
    public static string StatusColor(string status) => status switch
    {
        "completed" => "green",
        "failed" => "red",
        "cancelled" => "yellow",
        _ => "blue",
    };
}
