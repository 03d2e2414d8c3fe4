namespace Minimax.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class FaultyClusterCollection : ICollectionFixture<FaultyClusterFixture>
{
    public const string Name = "faulty-cluster";
}
