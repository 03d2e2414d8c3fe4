using System.CommandLine;

namespace Minimax.Client.Data;

/// <summary><c>minimax data</c>: generators of datasets for trying Minimax.</summary>
internal static class DataCommand
{
    public static Command Create() => new("data", "Datasets for trying Minimax")
    {
        SynthSpuriousCommand.Create(),
        SynthDomainsCommand.Create(),
    };
}
