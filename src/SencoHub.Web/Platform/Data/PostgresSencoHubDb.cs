using Microsoft.EntityFrameworkCore;

namespace SencoHub.Web.Platform.Data;

public sealed class PostgresSencoHubDb(DbContextOptions<PostgresSencoHubDb> options) : SencoHubDb(options);
