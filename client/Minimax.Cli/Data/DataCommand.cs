using System.CommandLine;
using Minimax.Client;

namespace Minimax.Cli.Data;

/// <summary><c>minimax data</c>: generators of datasets for trying Minimax.</summary>
internal static class DataCommand
{
    public static Command Create() => new("data", "Datasets for trying Minimax")
    {
        SynthSpuriousCommand.Create(),
        SynthDomainsCommand.Create(),
    };

    /// <summary>A generator option with a default value.</summary>
    public static Option<T> WithDefault<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary>
    /// Runs a generator: invalid options and an unusable --out folder are one line on stderr and exit
    /// code 2, as every bad input of the CLI.
    /// </summary>
    public static int Generate(string? problem, Action write)
    {
        if (problem is not null)
        {
            Console.Error.WriteLine($"error: {problem}");
            return ExitCodes.BadInput;
        }

        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"error: --out: {e.Message}");
            return ExitCodes.BadInput;
        }

        return ExitCodes.Completed;
    }
}
