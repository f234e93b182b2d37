import Campaign from '@mui/icons-material/CampaignOutlined';
import Corporate from '@mui/icons-material/CorporateFareOutlined';
import Forum from '@mui/icons-material/ForumOutlined';
import HelpOutline from '@mui/icons-material/HelpOutlined';
import Home from '@mui/icons-material/HomeOutlined';
import Insights from '@mui/icons-material/InsightsOutlined';
import Settings from '@mui/icons-material/SettingsOutlined';
import type SvgIcon from '@mui/material/SvgIcon';
import type { MenuArea } from '../../../shared/permissions';

export const areaIcons: Record<MenuArea, typeof SvgIcon> = {
  home: Home,
  service: Forum,
  campaigns: Campaign,
  data: Insights,
  organization: Corporate,
  settings: Settings,
  help: HelpOutline,
};
