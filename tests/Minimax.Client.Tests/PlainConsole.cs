using Spectre.Console;

namespace Minimax.Client.Tests;

/// <summary>A Spectre console that writes plain text (no ANSI, no colour, 160 columns) into a string.</summary>
internal static class PlainConsole
{
    public static (IAnsiConsole Console, StringWriter Text) Create()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return (console, writer);
    }
}
