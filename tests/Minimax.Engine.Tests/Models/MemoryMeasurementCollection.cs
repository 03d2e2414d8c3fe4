namespace Minimax.Engine.Tests.Models;

/// <summary>Tests that measure the process's memory run alone, after every parallel test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "memory measurement";
}
