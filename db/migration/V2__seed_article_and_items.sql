-- The article Crux ships with, stored whole, and its items (claims, predictions, recommendations),
-- each anchored by its exact quote and 0-based character offset (UTF-16 index) in article.body.
-- Generated; plain SQL that both H2 and PostgreSQL accept. Items get ids 1..N in position order on a fresh database.

INSERT INTO article (title, publisher, published_on, body) VALUES (
    'Is China About To Disrupt U.S. Tech? Insights from Balaji Srinivasan',
    'Unnamed publisher (Companies section)',
    DATE '2025-03-25',
'Companies

Is China About To Disrupt U.S. Tech? Insights from Balaji Srinivasan

Published March 25, 2025

The question of whether China is set to disrupt the U.S. technology industry has been raised by Balaji Srinivasan, a notable figure in tech discussions. For those who may not be familiar with him, Srinivasan was the Chief Technology Officer at Coinbase and possesses significant technical expertise, giving his insights particular weight in the industry.

His recent post was sparked by a query on the platform X regarding China''s aggressive approach to open-source AI technologies. A user asked why China seems to be favoring open-source models:

"What''s the best explanation you''ve heard for why China is leaning so hard into open source? It''s now an official position from the foreign ministry apparently." — Damien Ma, March 22, 2025

Below, we explore Srinivasan’s response and its potential implications for investors.

China''s Open-Source AI Strategy

Srinivasan argues that China''s strategy aims to commoditize AI technologies. In the coming months, he anticipates a surge in Chinese-developed open-source AI models covering a wide range of applications, from computer vision to robotics and image generation.

According to him, the rationale behind this push is likely derived from China''s desire to remove profitability from AI software, as it capitalizes on its strength in AI-enabled hardware. He suggests that China intends to apply the same tactics in tech that they previously used to dominate U.S. manufacturing: by copying, optimizing, scaling, and ultimately driving down prices to outcompete Western companies.

While the outcome remains uncertain, Srinivasan outlines several considerations:

  1. China observed that the introduction of a rival AI model led to substantial losses in market capitalizations for U.S. tech firms, approximately $1 trillion.
  2. China''s industrial strengths lie primarily in hardware production rather than software.
  3. China excels in mass production, often leading to the bankruptcy of foreign competitors due to their significant scale. This is evident in their impact on German and Japanese automotive markets.
  4. The pursuit of AI technological supremacy has become a matter of national pride for China, particularly in light of its historical reputation for imitation.
  5. DeepSeek, a new AI model, has gained immense popularity in China, and its open-source nature allows widespread adoption across various levels, including local governments and small businesses.
  6. The model''s founder has garnered notable attention from high-ranking officials, ensuring substantial government backing for further development.

By combining these factors, Srinivasan believes that China recognizes a timely opportunity to challenge U.S. tech firms, bolster its own prestige, and drive down global margins for AI software at the model level.

Instead of directly competing in software, China appears poised to profit from the sale of cheaper, high-quality AI-enabled hardware, spanning devices from smart homes and self-driving vehicles to consumer drones and advanced robotics.

Essentially, Srinivasan suggests that China is applying its usual strategy to the AI sector: study, copy, optimize, and undermine competitors through aggressive pricing.

He emphasizes the potential challenges that closed-source AI companies might face in recovering their substantial investment in developing advanced models when strong open-source alternatives are readily available.

Interestingly, despite its reputation for strict internet censorship, China is now leading the way in open-source AI, showcasing a strategic adaptation to leverage global competitive advantages, even integrating concepts traditionally associated with Western values.

However, it''s worth noting that while the released DeepSeek models contain built-in censorship, it is easily bypassed outside of China, indicating a focus primarily on domestic control rather than international perceptions.

Srinivasan concludes with a cautious observation that China appears to be improving its software capabilities faster than the West is enhancing its hardware skills.

Investment Considerations

Invest in Chinese Companies

Despite the challenges posed by China''s approach to AI, there may still be opportunities for investors. While U.S. AI software companies might face headwinds, firms utilizing AI, particularly those based in China, could benefit from this landscape. Investors might consider increasing their exposure to Chinese markets, as some systems'' recent top holdings include notable Chinese companies.

Rethink Investments in Nvidia

Among U.S. companies, Nvidia Corporation might be the most vulnerable to the influx of Chinese open-source AI models. Investors looking for potential opportunities might contemplate strategies such as betting against Nvidia, especially if its stock rises significantly.

Seek U.S. Companies Benefiting from AI

American companies that are poised to benefit from affordable Chinese AI solutions will likely be those capable of automating labor-intensive processes. Investors should watch for emerging opportunities in this context.

Consider Hedging U.S. Tech Investments

With the shifting landscape in technology, it''s crucial for investors holding stocks from prominent firms, like those from Silicon Valley, to remain vigilant. They should consider implementing hedging strategies to protect their investments from potential declines in a future dominated by competitive pressures.

In summary, the evolving AI landscape poses both challenges and prospects for investors. Maintaining awareness of global technological shifts and their implications will be essential in navigating this changing environment.

China, AI, Technology, Investment, Nvidia');

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 1, 'claim',
    'Balaji Srinivasan was Coinbase''s Chief Technology Officer and has significant technical expertise.',
    'The article''s author',
    'Srinivasan was the Chief Technology Officer at Coinbase and possesses significant technical expertise', 304,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 2, 'claim',
    'China''s foreign ministry has made support for open source an official position.',
    'Damien Ma',
    'It''s now an official position from the foreign ministry apparently.', 748,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 3, 'claim',
    'China''s strategy with open-source AI is to commoditise AI technologies.',
    'Balaji Srinivasan',
    'Srinivasan argues that China''s strategy aims to commoditize AI technologies.', 966,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 4, 'prediction',
    'China-based developers will release a surge of open-source AI models spanning many applications, including computer vision, robotics and image generation.',
    'Balaji Srinivasan',
    'In the coming months, he anticipates a surge in Chinese-developed open-source AI models covering a wide range of applications, from computer vision to robotics and image generation.', 1043,
    'Resolves YES if, between 2027-01-01 and 2027-06-30, organisations headquartered in China first publish on Hugging Face at least 30 new open-weight models (weights downloadable), including at least 3 each for computer vision, robotics (e.g. vision-language-action or embodied-control models) and image generation, as shown by the models'' Hugging Face pages and their first-commit dates. Resolves NO otherwise.', DATE '2027-07-31', 80, 'he anticipates');

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 5, 'claim',
    'China wants to remove the profitability from AI software because its strength lies in AI-enabled hardware.',
    'Balaji Srinivasan',
    'the rationale behind this push is likely derived from China''s desire to remove profitability from AI software, as it capitalizes on its strength in AI-enabled hardware.', 1244,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 6, 'claim',
    'China intends to use in tech the tactics it used against U.S. manufacturing: copy, optimise, scale and drive prices down to outcompete Western firms.',
    'Balaji Srinivasan',
    'He suggests that China intends to apply the same tactics in tech that they previously used to dominate U.S. manufacturing: by copying, optimizing, scaling, and ultimately driving down prices to outcompete Western companies.', 1413,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 7, 'claim',
    'China saw a rival AI model''s release wipe roughly $1 trillion off the market value of U.S. tech firms.',
    'Balaji Srinivasan',
    'China observed that the introduction of a rival AI model led to substantial losses in market capitalizations for U.S. tech firms, approximately $1 trillion.', 1725,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 8, 'claim',
    'China''s industrial strength lies mainly in hardware production rather than in software.',
    'Balaji Srinivasan',
    'China''s industrial strengths lie primarily in hardware production rather than software.', 1887,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 9, 'claim',
    'China''s scale in mass production often bankrupts foreign competitors, as seen in the German and Japanese car markets.',
    'Balaji Srinivasan',
    'China excels in mass production, often leading to the bankruptcy of foreign competitors due to their significant scale. This is evident in their impact on German and Japanese automotive markets.', 1980,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 10, 'claim',
    'Supremacy in AI has become a matter of national pride for China, given its historical reputation for imitation.',
    'Balaji Srinivasan',
    'The pursuit of AI technological supremacy has become a matter of national pride for China, particularly in light of its historical reputation for imitation.', 2180,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 11, 'claim',
    'DeepSeek is hugely popular in China, and being open source lets it be adopted widely, including by local governments and small businesses.',
    'Balaji Srinivasan',
    'DeepSeek, a new AI model, has gained immense popularity in China, and its open-source nature allows widespread adoption across various levels, including local governments and small businesses.', 2342,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 12, 'claim',
    'DeepSeek''s founder has drawn attention from high-ranking officials, ensuring substantial government backing for further development.',
    'Balaji Srinivasan',
    'The model''s founder has garnered notable attention from high-ranking officials, ensuring substantial government backing for further development.', 2540,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 13, 'claim',
    'China sees a timely opportunity to challenge U.S. tech firms and bolster its own prestige.',
    'Balaji Srinivasan',
    'Srinivasan believes that China recognizes a timely opportunity to challenge U.S. tech firms, bolster its own prestige,', 2714,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 14, 'prediction',
    'Global profit margins for AI software at the model level will be driven down.',
    'Balaji Srinivasan',
    'drive down global margins for AI software at the model level.', 2837,
    'Resolves YES if company filings or disclosures, or reporting by Reuters, Bloomberg, the Financial Times or The Information citing company figures, published by 2028-06-30 show that both OpenAI''s and Anthropic''s gross margin for calendar (or fiscal) year 2027 is lower than for 2025. Resolves NO if either company''s reported 2027 gross margin is equal to or higher than its 2025 figure; annulled if comparable figures for either company are not available.', DATE '2028-06-30', 65, 'Srinivasan believes');

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 15, 'claim',
    'Rather than compete head-on in software, China aims to profit from selling cheaper, high-quality AI-enabled hardware such as smart-home devices, self-driving vehicles, drones and robots.',
    'Balaji Srinivasan',
    'Instead of directly competing in software, China appears poised to profit from the sale of cheaper, high-quality AI-enabled hardware, spanning devices from smart homes and self-driving vehicles to consumer drones and advanced robotics.', 2900,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 16, 'claim',
    'China is applying its usual strategy to AI: study, copy, optimise, then undercut competitors with aggressive pricing.',
    'Balaji Srinivasan',
    'Srinivasan suggests that China is applying its usual strategy to the AI sector: study, copy, optimize, and undermine competitors through aggressive pricing.', 3150,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 17, 'claim',
    'Closed-source AI companies may struggle to recover their large investment in advanced models when strong open-source alternatives are readily available.',
    'Balaji Srinivasan',
    'He emphasizes the potential challenges that closed-source AI companies might face in recovering their substantial investment in developing advanced models when strong open-source alternatives are readily available.', 3308,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 18, 'claim',
    'Despite its strict internet censorship, China now leads the world in open-source AI.',
    'Balaji Srinivasan',
    'despite its reputation for strict internet censorship, China is now leading the way in open-source AI,', 3539,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 19, 'claim',
    'China''s open-source AI push is a strategic adaptation to gain global competitive advantage, even embracing concepts traditionally associated with Western values.',
    'The article''s author',
    'showcasing a strategic adaptation to leverage global competitive advantages, even integrating concepts traditionally associated with Western values.', 3642,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 20, 'claim',
    'DeepSeek''s built-in censorship is easily bypassed outside China, showing China cares mainly about domestic control, not international perception.',
    'Balaji Srinivasan',
    'while the released DeepSeek models contain built-in censorship, it is easily bypassed outside of China, indicating a focus primarily on domestic control rather than international perceptions.', 3824,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 21, 'claim',
    'China appears to be improving its software capabilities faster than the West is improving its hardware skills.',
    'Balaji Srinivasan',
    'China appears to be improving its software capabilities faster than the West is enhancing its hardware skills.', 4071,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 22, 'prediction',
    'U.S. AI software companies will face headwinds from China''s open-source AI approach.',
    'The article''s author',
    'While U.S. AI software companies might face headwinds,', 4343,
    'Resolves YES if the iShares Expanded Tech-Software Sector ETF (IGV) has a lower total return than the Invesco QQQ Trust (QQQ, tracking the Nasdaq-100) from the close on 2025-03-25 to the close on 2027-12-31, using dividend-adjusted closing prices (e.g. Yahoo Finance ''Adj Close''). Resolves NO otherwise.', DATE '2027-12-31', 40, 'might face headwinds');

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 23, 'prediction',
    'Firms that use AI, particularly China-based ones, will benefit from the landscape created by China''s open-source AI push.',
    'The article''s author',
    'firms utilizing AI, particularly those based in China, could benefit from this landscape.', 4398,
    'Resolves YES if the Hang Seng TECH Index (HSTECH) has a higher percentage price change than the Nasdaq-100 Index (NDX) from the close on 2025-03-25 to the close on 2027-12-31, per the index providers'' published closing levels. Resolves NO otherwise.', DATE '2027-12-31', 45, 'could benefit');

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 24, 'recommendation',
    'Investors should consider increasing their exposure to Chinese markets.',
    'The article''s author',
    'Investors might consider increasing their exposure to Chinese markets,', 4488,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 25, 'prediction',
    'Among U.S. companies, Nvidia will be the most vulnerable to the influx of Chinese open-source AI models.',
    'The article''s author',
    'Among U.S. companies, Nvidia Corporation might be the most vulnerable to the influx of Chinese open-source AI models.', 4663,
    'Resolves YES if Nvidia (NVDA) has the lowest total return of the seven ''Magnificent Seven'' stocks (Apple, Microsoft, Alphabet class A, Amazon, Meta, Nvidia, Tesla) from the close on 2025-03-25 to the close on 2027-12-31, using split- and dividend-adjusted closing prices (e.g. Yahoo Finance ''Adj Close''). Resolves NO otherwise.', DATE '2027-12-31', 40, 'might be the most vulnerable');

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 26, 'recommendation',
    'Investors could consider betting against Nvidia, especially if its stock rises significantly.',
    'The article''s author',
    'Investors looking for potential opportunities might contemplate strategies such as betting against Nvidia, especially if its stock rises significantly.', 4781,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 27, 'prediction',
    'The U.S. companies that benefit most from affordable Chinese AI will be those able to automate labour-intensive processes.',
    'The article''s author',
    'American companies that are poised to benefit from affordable Chinese AI solutions will likely be those capable of automating labor-intensive processes.', 4974,
    'Resolves YES if, between 2025-03-25 and 2027-12-31, at least three U.S.-headquartered companies publicly state (in filings, earnings calls or press releases, or as reported by Reuters, Bloomberg, the Wall Street Journal or the Financial Times) that they use open-weight AI models from China-based developers (e.g. DeepSeek, Qwen, Kimi) to automate a labour-intensive process such as customer service, logistics or back-office work, and credit it with cost savings, productivity gains or reduced headcount. Resolves NO otherwise.', DATE '2027-12-31', 70, 'will likely');

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 28, 'recommendation',
    'Investors should watch for U.S. companies that can benefit from automating labour-intensive work with cheap AI.',
    'The article''s author',
    'Investors should watch for emerging opportunities in this context.', 5127,
    NULL, NULL, NULL, NULL);

INSERT INTO item (article_id, position, kind, statement, asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability, implied_wording) VALUES (
    (SELECT MIN(id) FROM article), 29, 'recommendation',
    'Investors holding major U.S. tech stocks, such as Silicon Valley firms, should consider hedging against declines from competitive pressure.',
    'The article''s author',
    'it''s crucial for investors holding stocks from prominent firms, like those from Silicon Valley, to remain vigilant. They should consider implementing hedging strategies to protect their investments from potential declines in a future dominated by competitive pressures.', 5278,
    NULL, NULL, NULL, NULL);
