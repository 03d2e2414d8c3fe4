using Minimax.Engine.Data;
using Minimax.Engine.Files;

namespace Minimax.Grains.Training.Replicas;

/// <summary>Where a replica reads its data from: the tenant's roots, asked at this (re)initialisation, and the silo's shared parses.</summary>
internal sealed record ReplicaData(DataRoots Roots, ParsedDataCache Parsed);
