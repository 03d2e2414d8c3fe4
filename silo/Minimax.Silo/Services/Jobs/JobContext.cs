using Minimax.Silo.Hosting;
using Minimax.Engine.Files;

namespace Minimax.Silo.Services.Jobs;

/// <summary>What validating a spec needs: the silo's limits, where the caller may read data from, and the caller (whose jobs a spec may name).</summary>
public sealed record JobContext(RunLimits Limits, DataRoots DataRoots, IGrainFactory Grains, string Tenant);
