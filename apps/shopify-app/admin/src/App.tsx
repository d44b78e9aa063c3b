// The admin's frame: inside Shopify the admin's own sidebar shows our pages (App Bridge NavMenu);
// standalone (the sandbox) a Polaris Frame with a navigation column does. Every page is a route.
import { NavMenu } from '@shopify/app-bridge-react';
import { Frame, Navigation, TopBar, useBreakpoints } from '@shopify/polaris';
import { useCallback, useEffect, useState } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { useReviewQueueCount } from './api/referrals.js';
import { AdvocateDetailPage } from './pages/advocates/advocate-detail.js';
import { AdvocateListPage } from './pages/advocates/advocate-list.js';
import { GettingStartedPage } from './pages/getting-started.js';
import { NotFoundPage } from './pages/not-found.js';
import { ProgramDetailPage } from './pages/programs/program-detail.js';
import { ProgramListPage } from './pages/programs/program-list.js';
import { ProgramNewPage } from './pages/programs/program-new.js';
import { ReferralDetailPage } from './pages/referrals/referral-detail.js';
import { ReferralListPage } from './pages/referrals/referral-list.js';
import { ReviewQueuePage } from './pages/review/review-queue.js';
import { RewardListPage } from './pages/rewards/reward-list.js';
import { SettingsPage } from './pages/settings/settings.js';

const embedded = typeof window !== 'undefined' && window.top !== window.self && !window.shopify?.sandbox;

const sections = [
  { url: '/', label: 'Getting started', exact: true },
  { url: '/programs', label: 'Programmes' },
  { url: '/advocates', label: 'Advocates' },
  { url: '/referrals', label: 'Referrals' },
  { url: '/review', label: 'Review queue', badge: true },
  { url: '/rewards', label: 'Rewards' },
  { url: '/settings', label: 'Settings' },
] as const;

function Pages() {
  return (
    <Routes>
      <Route path="/" element={<GettingStartedPage />} />
      <Route path="/programs" element={<ProgramListPage />} />
      <Route path="/programs/new" element={<ProgramNewPage />} />
      <Route path="/programs/:programId" element={<ProgramDetailPage />} />
      <Route path="/advocates" element={<AdvocateListPage />} />
      <Route path="/advocates/:advocateId" element={<AdvocateDetailPage />} />
      <Route path="/referrals" element={<ReferralListPage />} />
      <Route path="/referrals/:referralId" element={<ReferralDetailPage />} />
      <Route path="/review" element={<ReviewQueuePage />} />
      <Route path="/rewards" element={<RewardListPage />} />
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

export function App() {
  const location = useLocation();
  const reviewCount = useReviewQueueCount();
  // Phones: the navigation column folds behind the top bar's menu button.
  const { mdDown } = useBreakpoints();
  const [mobileNavOpen, setMobileNavOpen] = useState(false);
  const toggleMobileNav = useCallback(() => setMobileNavOpen((open) => !open), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu whenever the page changes.
  useEffect(() => setMobileNavOpen(false), [location.pathname]);
  if (embedded) {
    return (
      <>
        <NavMenu>
          {sections.map((s) => (
            <Link key={s.url} to={s.url} rel={s.url === '/' ? 'home' : undefined}>
              {'badge' in s && reviewCount ? `${s.label} (${reviewCount})` : s.label}
            </Link>
          ))}
        </NavMenu>
        <Pages />
      </>
    );
  }
  const navigation = (
    <Navigation location={location.pathname}>
      <Navigation.Section
        title="Referrals"
        items={sections.map((s) => ({
          url: s.url,
          label: s.label,
          exactMatch: 'exact' in s,
          selected: 'exact' in s ? location.pathname === '/' : location.pathname.startsWith(s.url),
          ...('badge' in s && reviewCount ? { badge: String(reviewCount) } : {}),
        }))}
      />
    </Navigation>
  );
  return (
    <Frame
      navigation={navigation}
      {...(mdDown ? { topBar: <TopBar showNavigationToggle onNavigationToggle={toggleMobileNav} /> } : {})}
      showMobileNavigation={mobileNavOpen}
      onNavigationDismiss={toggleMobileNav}
    >
      <Pages />
    </Frame>
  );
}
