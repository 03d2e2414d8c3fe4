using System.Net;
using Orleans.Configuration;

namespace Minimax.Silo.Hosting;

/// <summary>
/// Where the Orleans silo and gateway ports listen and the address the silo advertises to the cluster
/// (Silo:AdvertisedAddress or POD_IP, Silo:ListenAddress, Silo:Port, Silo:GatewayPort), checked before start.
/// </summary>
public sealed record SiloEndpoints(IPAddress Advertised, IPAddress Listen, int SiloPort, int GatewayPort)
{
    /// <summary>How the cluster reaches this silo: the advertised address and the silo port.</summary>
    public IPEndPoint Silo => new(Advertised, SiloPort);

    public static SiloEndpoints Resolve(SiloOptions options)
    {
        var advertised = AddressSetting.Parse(options.AdvertisedAddress, "Silo:AdvertisedAddress (or POD_IP when it is unset)");
        if (AddressSetting.IsAny(advertised))
        {
            throw new SiloConfigurationException(
                $"Silo:AdvertisedAddress: '{options.AdvertisedAddress}' names no host other silos can reach; give this silo's own address (Silo:ListenAddress={options.AdvertisedAddress} listens on every interface)");
        }
        var listen = options.ListenAddress is null ? advertised : AddressSetting.Parse(options.ListenAddress, "Silo:ListenAddress");
        return new SiloEndpoints(advertised, listen, options.SiloPort, options.GatewayPort);
    }

    public void Apply(ISiloBuilder silo) => silo.Configure<EndpointOptions>(endpoints =>
    {
        endpoints.AdvertisedIPAddress = Advertised;
        endpoints.SiloPort = SiloPort;
        endpoints.GatewayPort = GatewayPort;
        endpoints.SiloListeningEndpoint = new IPEndPoint(Listen, SiloPort);
        endpoints.GatewayListeningEndpoint = new IPEndPoint(Listen, GatewayPort);
    });
}
