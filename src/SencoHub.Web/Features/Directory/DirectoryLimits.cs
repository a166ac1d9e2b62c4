namespace SencoHub.Web.Features.Directory;

internal static class DirectoryLimits
{
    public const int NameLength = 200;
    public const int AadObjectIdLength = 128;
    public const int EmailLength = 320;
}
